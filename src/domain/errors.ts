/**
 * A rule of the product was broken by the caller's input or state. The `code` is stable
 * (the Slack edge and workers switch on it); the message is written for the end user;
 * `field` names the offending input so a modal can show the error in place.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
