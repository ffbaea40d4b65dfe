/**
 * Synthetic legal prose in the register of an industry code: obligations, conditions, references
 * to defined terms and clauses, and boilerplate sentences that recur hundreds of times (which is
 * what makes real codes hard to align). None of it is taken from a real code.
 */
import type { Random } from './random.js';

const PARTIES = [
  'each Party',
  'the Supplier',
  'the Network Party',
  'the Code Administrator',
  'the Panel',
  'the Authority',
  'the DCC',
  'each User',
  'the Registration Data Provider',
  'the Security Sub-Committee',
];
const VERBS = ['provide', 'maintain', 'publish', 'notify', 'review', 'procure', 'submit', 'retain', 'verify', 'update', 'implement', 'test'];
const OBJECTS = [
  'the Incident Report',
  'the Security Controls',
  'the Performance Data',
  'the Interface Specification',
  'any Registration Data',
  'the Test Results',
  'the Release Schedule',
  'the Modification Report',
  'the Service Levels',
  'the Access Request',
  'the Audit Evidence',
  'the Device Log',
];
const TIMINGS = [
  'within 5 Working Days',
  'within 10 Working Days',
  'no later than the Go-Live Date',
  'as soon as reasonably practicable',
  'within 30 days of a request',
  'at least once in each Regulatory Year',
  'before the start of each Release',
  'without undue delay',
];
const CONDITIONS = [
  'provided that it has received a valid request',
  'unless the Panel determines otherwise',
  'subject to Section G3.5',
  'in accordance with Good Industry Practice',
  'where it is reasonably practicable to do so',
  'save to the extent that the Authority directs otherwise',
  'except where Section H2 applies',
  'having regard to the Security Requirements',
];

/** Sentences repeated across the whole code, verbatim. */
export const BOILERPLATE = [
  'Each Party shall comply with its obligations under this Section in accordance with Good Industry Practice.',
  'Nothing in this Section shall limit any other obligation of a Party under this Code.',
  'The Panel may issue guidance on the application of this Section from time to time.',
  'Any dispute arising under this Section shall be referred to the Panel for determination.',
];

export function sentence(random: Random): string {
  const party = random.pick(PARTIES);
  let text = `${party.charAt(0).toUpperCase()}${party.slice(1)} shall ${random.pick(VERBS)} ${random.pick(OBJECTS)} ${random.pick(TIMINGS)}`;
  if (random.chance(0.6)) text += `, ${random.pick(CONDITIONS)}`;
  if (random.chance(0.25)) text += `, and shall ${random.pick(VERBS)} ${random.pick(OBJECTS)} ${random.pick(TIMINGS)}`;
  return `${text}.`;
}

export function clauseText(random: Random, sentences: number): string {
  const out: string[] = [];
  for (let i = 0; i < sentences; i++) out.push(random.chance(0.12) ? random.pick(BOILERPLATE) : sentence(random));
  return out.join(' ');
}

const TERM_HEADS = [
  'Access',
  'Alert',
  'Anomaly',
  'Audit',
  'Communications',
  'Data',
  'Device',
  'Enrolment',
  'Firmware',
  'Incident',
  'Interface',
  'Key',
  'Message',
  'Network',
  'Release',
  'Security',
  'Service',
  'Smart',
  'Test',
  'User',
];
const TERM_TAILS = ['Evidence', 'Hub', 'Log', 'Model', 'Notice', 'Plan', 'Profile', 'Record', 'Register', 'Report', 'Request', 'Response', 'Schedule', 'Specification', 'Threshold', 'Window'];

export function termName(random: Random, taken: Set<string>): string {
  for (;;) {
    const name = `${random.pick(TERM_HEADS)} ${random.pick(TERM_TAILS)}`;
    const unique = taken.has(name) ? `${name} ${taken.size}` : name;
    if (!taken.has(unique)) {
      taken.add(unique);
      return unique;
    }
  }
}

export function definitionText(random: Random): string {
  return `means the ${random
    .pick(OBJECTS)
    .replace(/^(the|any) /, '')
    .toLowerCase()} ${random.pick(['established', 'maintained', 'published', 'designated'])} by ${random.pick(PARTIES)} ${random.pick(['pursuant to Section G2', 'under Section H4', 'in accordance with Appendix AB', 'for the purposes of Section F'])}.`;
}

export function cellText(random: Random): string {
  return random.pick(['Mandatory', 'Optional', 'Not applicable', 'Conditional', 'Yes', 'No', 'See G3.5', '5 WD', '10 WD', 'Annual', 'Per Release', 'DCC', 'Supplier', 'Network Party']);
}
