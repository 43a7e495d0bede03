import * as t from 'io-ts';
import { AccountEventCodec } from './events.js';
import { LoginRecordedCodec } from './login.js';

/**
 * Any event of a dinhdanh log: an identity subject's account event (Art. 17(1), kept forever) or a login (Art. 17(2),
 * kept at least five years). The codec to give a store, a file reader or an import that holds both kinds of stream.
 */
export const LogEventCodec = t.union([AccountEventCodec, LoginRecordedCodec]);
export type LogEvent = t.TypeOf<typeof LogEventCodec>;
