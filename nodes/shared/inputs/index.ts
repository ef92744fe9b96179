/** Every kind of input variable, by kind. */
export * from './choices';
export * from './collections';
export * from './dates';
export * from './numbers';
export * from './text';
export {
	loadOptionsOf,
	noInput,
	type InputContext,
	type InputVariable,
	type LoadOptionsMethod,
} from './variable';
