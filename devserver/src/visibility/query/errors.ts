// Every refusal of a list filter is an InvalidArgument that starts like the real server's
// ("invalid query: ...") and says where in the query the problem is (1-based character position).
import { invalidArgument, RpcError } from '../../errors';

export function queryError(message: string, position?: number): RpcError {
  return invalidArgument(`invalid query: ${message}${position === undefined ? '' : ` at position ${position}`}`);
}
