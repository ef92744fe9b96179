/** Every kind of input variable, by kind. */
export * from './choices';
export * from './collections';
export * from './dates';
export * from './numbers';
export * from './text';
export { noInput, type InputContext, type InputVariable } from './variable';
