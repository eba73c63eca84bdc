/** Types of resultSchemas.mjs for the tests that import it. */
export declare const RESULT_TYPES: readonly string[];
export declare const RESULT_SCHEMAS_FILE: string;
export declare function resultSchemasText(): string;
