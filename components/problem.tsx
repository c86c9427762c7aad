/** Why what was asked could not be done, where the rest of the page still shows (nothing when there is none). */
export function Problem({ children }: { children: React.ReactNode }) {
  if (children === null || children === undefined || children === false || children === "") return null;
  return (
    <p className="error" role="alert">
      {children}
    </p>
  );
}
