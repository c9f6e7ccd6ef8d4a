/** A span in a snapshot file. Lines and columns are 1-based; `endColumn` is the column after the last character (SARIF's convention). */
export interface SourceLocation {
  /** Path of the file as the user named it (relative paths stay relative). */
  file: string;
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}
