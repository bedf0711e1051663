import { describe, expect, it } from 'vitest';
import { nativePort, SERVICES, startOrder } from '../src/topology.ts';

describe('topology', () => {
  it('starts every service after everything it depends on', () => {
    const order = startOrder();
    expect(order).toHaveLength(SERVICES.length);
    for (const service of SERVICES) {
      for (const dep of service.dependsOn)
        expect(order.indexOf(dep)).toBeLessThan(order.indexOf(service.name));
    }
    expect(order.at(-1)).toBe('nginx');
  });

  it('keeps compose ports natively except nginx (8080) and redis (6380)', () => {
    expect(nativePort('api')).toBe(8000);
    expect(nativePort('nginx')).toBe(8080);
    expect(nativePort('redis')).toBe(6380);
  });
});
