/**
 * Keras HDF5 files through the CLI: `profile` and `diff` of `.h5` models, weights-only files (exit 2,
 * or a params-only report with --weights-only-ok), and damaged files (exit 2, one line naming the file).
 * Fixtures: packages/keras/test/fixtures/h5 (tools/fixtures/keras_h5.py, real h5py output).
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliRun } from './support/cli.js';

const H5 = resolve(import.meta.dirname, '../../keras/test/fixtures/h5');

const cli = (argv: string[], cwd = H5): Promise<CliRun> => runCli(argv, cwd);

describe('modelcost profile: Keras .h5', () => {
  it('a tf.keras 2.15 transfer-learning .h5 (nested Functional backbone): tfjs-layers counts 565 params, 549 trainable', async () => {
    const r = await cli(['profile', 'transfer_learning_keras2.15_model.h5', '--dim', 'batch=1']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('transfer_learning_keras2.15_model.h5 (keras, keras 2.15.0)');
    expect(r.out).toContain('params 565 (trainable 549)');
  });

  it('--json: format keras, and an HDF5 file after a 512-byte user block or under a .keras name', async () => {
    for (const f of ['astronomy_userblock512.h5', 'astronomy_h5_named.keras']) {
      const r = await cli(['profile', f, '--json']);
      expect(r.code).toBe(0);
      const rep = JSON.parse(r.out).reports[0];
      expect(rep.model).toEqual({ path: f, format: 'keras', producer: 'keras 2.12.0', opsets: { keras: 2 } });
      // ../shared/keras-fixtures expected.json for this model: 132 params, 93 trainable.
      expect([rep.totals.params, rep.totals.trainableParams]).toEqual([132, 93]);
    }
  });

  it('diff of two .h5 models', async () => {
    const r = await cli(['diff', 'astronomy_keras2.12_model.h5', 'transfer_learning_keras2.15_model.h5', '--json']);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.out);
    expect(d.status).toBe('changed');
    expect(d.diff.totals.params).toMatchObject({ base: 132, head: 565, delta: 433 });
  });

  it('a weights-only file: exit 2 with how to save the architecture; --weights-only-ok gives params only, MACs not counted', async () => {
    const fail = await cli(['profile', 'astronomy_keras2_save_weights.h5']);
    expect(fail.code).toBe(2);
    expect(fail.out).toBe('');
    expect(fail.err).toBe(
      "modelcost: astronomy_keras2_save_weights.h5: the file holds Keras weights (model.save_weights('w.h5')) but no architecture (no model_config), so its shapes and MACs cannot be known. Save the whole model with model.save('m.keras') or model.save('m.h5'), or export model.to_json(); or pass --weights-only-ok for a params-only report from the weight shapes.\n",
    );
    const ok = await cli(['profile', 'astronomy_keras2_save_weights.h5', '--weights-only-ok']);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('params 132 ');
    expect(ok.out).toContain('no cost rule (not counted): weights-only x4');
    const rep = JSON.parse((await cli(['profile', 'astronomy_keras3.weights.h5', '--weights-only-ok', '--json'])).out).reports[0];
    expect(rep.coverage).toEqual({ nodes: 4, supported: 0, unsupported: { 'weights-only': 4 } });
    expect(rep.totals.trainableParams).toBeUndefined();
  });

  it('truncated, damaged and not-JSON model_config: exit 2, one line naming the file, no stack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'modelcost-h5-'));
    const whole = readFileSync(join(H5, 'astronomy_keras2.12_model.h5'));
    writeFileSync(join(dir, 'cut.h5'), whole.subarray(0, 3000));
    const damaged = Buffer.from(whole);
    damaged.fill(0xee, 96, 200); // the root group's object header
    writeFileSync(join(dir, 'damaged.h5'), damaged);
    copyFileSync(join(H5, 'bad_model_config.h5'), join(dir, 'bad.h5'));
    const r = await cli(['profile', 'cut.h5', 'damaged.h5', 'bad.h5'], dir);
    expect(r.code).toBe(2);
    const lines = r.err.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe(
      `modelcost: cut.h5: truncated or damaged HDF5 file: the superblock says the file ends at byte ${whole.length}, but it has 3000 bytes (it was cut short). Fetch or save the .h5 file again.`,
    );
    expect(lines[1]).toMatch(/^modelcost: damaged\.h5: truncated or damaged HDF5 file: object header at byte 96: .*\. Fetch or save the \.h5 file again\.$/);
    expect(lines[2]).toMatch(/^modelcost: bad\.h5: invalid JSON at line 1, column 52 \(byte 51\): unexpected character "}" \(in the HDF5 attribute model_config\)\./);
    expect(r.err).not.toContain('    at ');
  });
});
