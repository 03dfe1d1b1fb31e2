import { createPartner } from '../../support/fixtures';
import { engage, proposeProject } from '../../support/project-fixtures';
import { createTestApp, type TestApp } from '../../support/test-app';

const privateFields = `id name email competences capacity { hoursPerMonth eurosPerYear } representatives { name email }
  committed { hoursPerMonth eurosPerYear } remainingCapacity { hoursPerMonth eurosPerYear } overCommitted
  engagements { hoursPerMonth euros overCapacity project { name } }`;

describe('need to know: what one partner sees of another (docs/security.md, read policy)', () => {
  let t: TestApp;
  let own: any;
  let other: any;
  let member: string;

  beforeAll(async () => {
    t = await createTestApp();
    own = await createPartner(t, { name: 'Atelier Noord', representatives: [{ name: 'An', email: 'an@noord.be' }] });
    other = await createPartner(t, {
      name: 'Bakkerij Zuid',
      email: 'info@zuid.be',
      capacity: { hoursPerMonth: 2, eurosPerYear: 100 },
      representatives: [{ name: 'Bert Privé', email: 'bert.prive@gmail.com' }],
    });
    const project = await proposeProject(t, own.id);
    await engage(t, project.id, other.id, { hoursPerMonth: 10, euros: 900 }); // over its capacity
    member = await t.token('PARTNER', { partnerId: own.id, email: 'an@noord.be' });
  });

  it('shows another partner as part of the network, without its capacity, commitments, euros or people', async () => {
    for (const query of [
      `{ partners(first: 10) { edges { node { ${privateFields} } } } }`,
      `query { partner(id: "${'OTHER'}") { ${privateFields} } }`,
    ]) {
      const result = await t.graphql(query.replace('OTHER', other.id), {}, member);
      expect(result.errors).toBeUndefined();
      const seen = result.data.partner ?? result.data.partners.edges.find((e: any) => e.node.id === other.id).node;
      expect(seen).toEqual({
        id: other.id,
        name: 'Bakkerij Zuid',
        email: 'info@zuid.be',
        competences: [],
        capacity: null,
        representatives: [],
        committed: { hoursPerMonth: null, eurosPerYear: null },
        remainingCapacity: null,
        overCommitted: false,
        engagements: [{ hoursPerMonth: null, euros: null, overCapacity: false, project: { name: 'Repair café' } }],
      });
      expect(JSON.stringify(result)).not.toMatch(/bert|prive|900/i);
    }
  });

  it('hides the same figures on every other path: a project’s engagements', async () => {
    const result = await t.graphql(
      `{ projects(first: 10) { edges { node { engagements { partner { name capacity { hoursPerMonth } overCommitted } hoursPerMonth euros overCapacity } } } } }`,
      {},
      member,
    );
    expect(result.errors).toBeUndefined();
    const engagement = result.data.projects.edges[0].node.engagements.find((e: any) => e.partner.name === 'Bakkerij Zuid');
    expect(engagement).toEqual({
      partner: { name: 'Bakkerij Zuid', capacity: null, overCommitted: false },
      hoursPerMonth: null,
      euros: null,
      overCapacity: false,
    });
  });

  it('shows a partner its own figures and people, and the coordinator everyone’s', async () => {
    const ownView = await t.graphql(
      `query($id: ID!) { partner(id: $id) { representatives { email } committed { hoursPerMonth } } }`,
      { id: own.id },
      member,
    );
    expect(ownView.data.partner).toEqual({ representatives: [{ email: 'an@noord.be' }], committed: { hoursPerMonth: 0 } });

    const coordinator = await t.token('COORDINATOR');
    const full = await t.graphql(`query($id: ID!) { partner(id: $id) { ${privateFields} } }`, { id: other.id }, coordinator);
    expect(full.data.partner).toMatchObject({
      capacity: { hoursPerMonth: 2, eurosPerYear: 100 },
      representatives: [{ name: 'Bert Privé', email: 'bert.prive@gmail.com' }],
      committed: { hoursPerMonth: 10, eurosPerYear: 900 },
      overCommitted: true,
      engagements: [{ hoursPerMonth: 10, euros: 900, overCapacity: true }],
    });
  });
});
