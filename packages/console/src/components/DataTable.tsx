import type { ComponentChildren } from 'preact';

/** The column of per-row buttons: a header for screen readers only. */
export const ACTIONS = 'Actions';

/** A table with one header row; on narrow screens its rows become cards (see base.css). */
export function DataTable({
  columns,
  extraClass,
  children,
}: {
  columns: string[];
  extraClass?: string;
  children: ComponentChildren;
}) {
  return (
    <table class={extraClass === undefined ? 'table' : `table ${extraClass}`}>
      <thead>
        <tr>
          {columns.map((column) => (
            <th scope="col" key={column}>
              {column === ACTIONS ? <span class="visually-hidden">{column}</span> : column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
