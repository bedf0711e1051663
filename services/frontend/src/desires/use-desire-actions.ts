import { useMutation, useQueryClient } from '@tanstack/react-query';
import { closeDesire, desireKeys, fulfilDesire, meKey, setSupport, tipDesire } from '../api/desires.ts';

/** The write actions on one desire; each refreshes the board, the desire and my balance. */
export function useDesireActions(desireId: string) {
  const queryClient = useQueryClient();
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: desireKeys.all }),
      queryClient.invalidateQueries({ queryKey: meKey }),
    ]);
  const support = useMutation({
    mutationFn: (supported: boolean) => setSupport(desireId, supported),
    onSuccess: refresh,
  });
  const tip = useMutation({
    mutationFn: (points: number) => tipDesire(desireId, points),
    onSuccess: refresh,
  });
  const fulfil = useMutation({
    mutationFn: (shaderId: string) => fulfilDesire(desireId, shaderId),
    onSuccess: refresh,
  });
  const close = useMutation({ mutationFn: () => closeDesire(desireId), onSuccess: refresh });
  return { support, tip, fulfil, close };
}
