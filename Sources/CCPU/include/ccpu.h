#ifndef CNNC_CCPU_H
#define CNNC_CCPU_H

/// Processor features and floating-point modes that Swift cannot reach directly.

/// Non-zero when the processor and the OS support AVX-512F.
int ccpu_has_avx512f(void);
/// Non-zero when the processor supports AVX2 and FMA.
int ccpu_has_avx2_fma(void);
/// Turns on flush-to-zero and denormals-are-zero for the calling thread; returns the previous
/// floating-point control state, to be handed back to ccpu_restore_float_mode.
unsigned int ccpu_enable_flush_to_zero(void);
/// Restores the calling thread's floating-point control state.
void ccpu_restore_float_mode(unsigned int state);
/// The calling thread's floating-point control state (rounding, flush-to-zero, exception masks).
unsigned int ccpu_float_mode(void);

/// Asks the processor to bring the cache line holding `address` into its caches, for reading soon.
static inline void ccpu_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
