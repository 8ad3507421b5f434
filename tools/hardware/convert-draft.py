#!/usr/bin/env python3
"""One-off: turn ../shared/hardware/presets-draft.json into packages/core/src/hardware/presets.ts.

Run once to seed the presets; the TypeScript file is the maintained source of truth afterwards
(corrections are made there, each with its source). Kept for provenance of the first version.
Usage: /usr/bin/python3 tools/hardware/convert-draft.py > packages/core/src/hardware/presets.ts
"""
import json, os, sys

here = os.path.dirname(os.path.abspath(__file__))
draft = json.load(open(os.path.join(here, '../../../shared/hardware/presets-draft.json')))

DTYPES = ['fp32', 'tf32', 'fp16', 'bf16', 'fp8', 'int8', 'int4']
# Keys of the draft that are not dense peaks per dtype a runtime reaches by default; where they go.
RENAME = {'int8_vnni': 'int8', 'bf16_amx': 'bf16'}
DROP = {'fp64', 'fp32_per_core', 'int8_sparse_vendor', 'fp16_fp16acc', 'int8_amx'}
# Devices without the data a roofline needs (no published peak, or no memory bandwidth to speak of).
SKIP = {
    'snapdragon-8gen2-npu': 'no vendor peak',
    'snapdragon-8gen3-npu': 'no vendor peak',
    'google-coral-edgetpu': 'no DRAM bandwidth: weights sit in 8 MB SRAM or stream over USB/PCIe',
    'intel-ncs2': 'discontinued, bandwidth unknown',
}

def prov(text):
    t = (text or '').lower()
    for p in ('measured', 'derived', 'datasheet', 'estimate'):
        if t.startswith(p):
            return p
    for p in ('measured', 'derived', 'datasheet', 'estimate'):
        if p in t:
            return p
    return 'estimate'

def s(x):
    return json.dumps(x, ensure_ascii=False)

out = []
out.append('// Seeded from ../shared/hardware/presets-draft.json by tools/hardware/convert-draft.py, then verified')
out.append('// and corrected by hand (see the `verified` notes). This file is the source of truth now.')
out.append("import type { HardwarePreset } from './profile.js';")
out.append('')
out.append('/** Built-in hardware presets: dense peaks, memory bandwidth and size, each with a source. */')
out.append('export const PRESET_DATA: readonly HardwarePreset[] = [')
for p in draft['presets']:
    if p['id'] in SKIP:
        continue
    pv = p.get('provenance', {})
    src = '; '.join(p.get('sources', []))
    peaks = {}
    for k, v in p.get('peak_tflops', {}).items():
        if k in DROP or v is None:
            continue
        k2 = RENAME.get(k, k)
        if k2 not in DTYPES:
            print('unknown key', p['id'], k, file=sys.stderr)
            continue
        peaks[k2] = v
    out.append('  {')
    out.append(f"    id: {s(p['id'])},")
    out.append(f"    name: {s(p['name'])},")
    out.append(f"    kind: {s(p['kind'])},")
    out.append(f"    vendor: {s(p.get('vendor', ''))},")
    out.append('    peakTflops: {')
    for k in DTYPES:
        if k in peaks:
            out.append(f"      {k}: {{ value: {peaks[k]}, provenance: {s(prov(pv.get('peak')))}, source: {s((pv.get('peak') or '') + ' | ' + src)} }},")
    out.append('    },')
    out.append(f"    bandwidthGBps: {{ value: {p['bandwidth_gbps']}, provenance: {s(prov(pv.get('bandwidth')))}, source: {s((pv.get('bandwidth') or '') + ' | ' + src)} }},")
    if p.get('memory_gb') is not None:
        out.append(f"    memoryGB: {{ value: {p['memory_gb']}, provenance: {s(prov(pv.get('memory')))}, source: {s((pv.get('memory') or '') + ' | ' + src)} }},")
    if p.get('notes'):
        out.append(f"    notes: {s(p['notes'])},")
    out.append('  },')
out.append('];')
print('\n'.join(out))
