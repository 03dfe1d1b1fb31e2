/** Who is calling: derived from a verified bearer token, never from client-supplied fields. */
export type Role = 'COORDINATOR' | 'PARTNER';

export interface Viewer {
  /** Stable subject of the token (Cognito `sub`, or the local email). */
  id: string;
  email: string;
  role: Role;
  /** The partner this person represents; set for PARTNER, optional for COORDINATOR. */
  partnerId?: string;
}

export const roles: readonly Role[] = ['COORDINATOR', 'PARTNER'];
