export type TrailErrorCode = 'cycle' | 'too-deep';

// A distinct class lets the wiring turn tree problems into a 400 for the editor
// while any other error stays a 500.
export class TrailError extends Error {
  readonly code: TrailErrorCode;

  constructor(code: TrailErrorCode, message: string) {
    super(message);
    this.name = 'TrailError';
    this.code = code;
  }
}
