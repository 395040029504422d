/** newsLens.debug.explainRules: the hover of a name says which of the recognizer's rules found it. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, type Session } from './lspClient';
import { StatsNotification, type Stats } from '../../server/src/shared/protocol';

const TEXT = 'Tin vắn\nÔng Trần Văn Hùng, giám đốc Bệnh viện Bạch Mai, cho biết bệnh nhân đã qua cơn nguy kịch.\n';
const at = (s: Session, word: string) => ({ textDocument: { uri: s.uri('a.txt') }, position: { line: 1, character: TEXT.split('\n')[1].indexOf(word) + 2 } });

for (const explainRules of [true, false]) {
  test(`with newsLens.debug.explainRules ${explainRules} the hover of a name ${explainRules ? 'names' : 'does not name'} the rule behind it`, async () => {
    const s = await startServer({ files: { 'a.txt': TEXT }, settings: { debug: { explainRules } } });
    try {
      await s.waitFor(() => s.notifications.find((n) => n.method === StatsNotification && !(n.params as Stats).indexing));
      const hospital = await s.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', at(s, 'Bệnh viện'));
      const person = await s.connection.sendRequest<{ contents: { value: string } }>('textDocument/hover', at(s, 'Trần Văn Hùng'));
      if (explainRules) {
        assert.match(hospital.contents.value, /rule "head noun" \(head noun\); kind from the article/);
        assert.match(person.contents.value, /rule "capitalised run" \(after "ông"\); kind from the article/);
      } else {
        assert.match(hospital.contents.value, /Bệnh viện Bạch Mai/);
        assert.doesNotMatch(hospital.contents.value, /rule "/);
      }
    } finally {
      await s.close();
    }
  });
}
