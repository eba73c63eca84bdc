/** Before any test file starts: the bundles the tests load are built once if stale (helpers/buildOnce.ts). */
import { buildIfStale } from './helpers/buildOnce';

export default function setup(): void {
  buildIfStale();
}
