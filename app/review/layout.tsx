import type { ReactNode } from "react";
import "./review.css";

export default function ReviewLayout({ children }: { children: ReactNode }) {
  return children;
}
