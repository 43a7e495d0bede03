import { describe, expect, it } from 'vitest';
import { loginStream, parseStreamName, streamCategory, streamKind, subjectStream } from './streams.js';

describe('stream names (Art. 17: identity streams kept forever, login streams at least five years)', () => {
  it('names identity-subject and login streams by category', () => {
    expect(subjectStream('079203001234')).toBe('subject-079203001234');
    expect(loginStream('acc-7')).toBe('login-acc-7');
  });

  it('takes the category before the first dash, the id after it', () => {
    expect(parseStreamName('subject-7f3a-11ef-9c2b')).toEqual({ category: 'subject', id: '7f3a-11ef-9c2b' });
    expect(streamCategory('login-abc')).toBe('login');
    expect(parseStreamName('nodash')).toEqual({ category: 'nodash', id: '' });
  });

  it('classifies subject, login and other streams', () => {
    expect(streamKind(subjectStream('1'))).toBe('subject');
    expect(streamKind(loginStream('1'))).toBe('login');
    expect(streamKind('subject-')).toBe('other');
    expect(streamKind('subject')).toBe('other');
    expect(streamKind('counter-1')).toBe('other');
    expect(streamKind('Subject-1')).toBe('other');
  });
});
