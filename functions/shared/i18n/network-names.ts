/**
 * The names a network goes by in its texts (settings NETWORK_NAME, COORDINATOR_ORGANISATION,
 * NEIGHBOURHOOD, CONTACT_EMAIL): another Locon runs its own copy with its own names.
 */
export interface NetworkNames {
  network: string;
  organisation: string;
  neighbourhood: string;
  contactEmail: string;
}

/** Today's values: Locon De Stek, coordinated by Schakel vzw in Ghent. */
export const deStekNames: NetworkNames = {
  network: 'Locon De Stek',
  organisation: 'Schakel vzw',
  neighbourhood: 'Sint-Pietersaalststraat',
  contactEmail: 'coordinator@destek.local',
};

/** PRODID of the network's calendars (RFC 5545 §3.7.3): who makes them, in the network's own names. */
export function calendarProdId(names: Pick<NetworkNames, 'organisation' | 'network'>): string {
  return `//${names.organisation}//${names.network}//NL`;
}
