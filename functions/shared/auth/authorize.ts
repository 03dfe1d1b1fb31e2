import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { Role, Viewer } from './viewer';

/** Every operation calls one of these first: authorisation happens on the server, per operation. */
export function requireViewer(viewer: Viewer | undefined): Viewer {
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}

export function requireRole(viewer: Viewer | undefined, role: Role): Viewer {
  const signedIn = requireViewer(viewer);
  if (signedIn.role !== role) {
    throw new ForbiddenError(
      role === 'COORDINATOR' ? 'Alleen een coördinator van Schakel vzw mag dit doen.' : 'Alleen een partner mag dit doen.',
    );
  }
  return signedIn;
}
