/** What every mail template returns: the parts a Mailer needs besides addresses and ids. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}
