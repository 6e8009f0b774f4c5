export { DEFAULT_INPUT_LIMITS, findInputProblem } from './findInputProblem';
export type { InputLimits, InputProblem } from './findInputProblem';
export { findFragmentCycle } from './findFragmentCycle';
export type { FragmentGraph } from './findFragmentCycle';
export { findGraphqlEscapeProblem } from './findGraphqlEscapeProblem';
export type { EscapeProblem } from './findGraphqlEscapeProblem';
export { countIntrospectionAnswer } from './countIntrospectionAnswer';
