/**
 * The @azure/functions classes the local host constructs. The package is CommonJS whose exports
 * Node's ESM loader cannot all see by name (`HttpRequest` is missing from the named exports when
 * run unbundled, e.g. under tsx), so take them from the module object whichever way it arrives.
 */
import * as azureFunctions from '@azure/functions';

type Lib = typeof azureFunctions;
const lib: Lib = (azureFunctions as Lib & { default?: Lib }).default ?? azureFunctions;

export const HttpRequest: Lib['HttpRequest'] = lib.HttpRequest;
export const InvocationContext: Lib['InvocationContext'] = lib.InvocationContext;
