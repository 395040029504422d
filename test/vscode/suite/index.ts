/** Entry point that @vscode/test-electron loads in the extension host: runs the mocha suite. */
import Mocha from 'mocha';
import { register } from './extension.test';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: true, timeout: 60000 });
  register(mocha.suite);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} tests failed`)) : resolve()));
  });
}
