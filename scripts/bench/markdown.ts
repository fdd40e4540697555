// Markdown pieces shared by the report sections.

export const table = (head: string[], rows: string[][]): string =>
  [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n')

export const verdict = (met: boolean): string => (met ? '**met**' : '**not met**')

/** A section and the rows it adds to the summary table (target, measured, verdict). */
export interface Rendered {
  section: string
  rows: string[][]
}
