"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

interface Props {
  points: { period: string; statements: number }[];
  color: string;
  title: string;
}

/** Statements per period for one pair and theme. Renders only what it is given. */
export function ThemeFrequencyChart({ points, color, title }: Props) {
  return (
    <figure aria-label={title} style={{ margin: 0 }}>
      <div style={{ width: "100%", height: 320 }} role="img" aria-label={`${title}: bar chart, ${points.length} periods`}>
        <ResponsiveContainer>
          <BarChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="period" minTickGap={16} />
            <YAxis allowDecimals={false} width={40} />
            <Tooltip formatter={(value) => [value, "statements"]} />
            <Bar dataKey="statements" fill={color} name="Statements" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
