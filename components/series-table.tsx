interface Props {
  points: { period: string; statements: number }[];
  caption: string;
}

/** The chart's numbers as a table, for screen readers and for anyone who wants exact values. */
export function SeriesTable({ points, caption }: Props) {
  return (
    <details>
      <summary>View as table</summary>
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">Statements</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.period}>
              <th scope="row">{p.period}</th>
              <td>{p.statements}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
