#include "ccpu.h"

#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>

int ccpu_has_avx512f(void) { __builtin_cpu_init(); return __builtin_cpu_supports("avx512f"); }
int ccpu_has_avx2_fma(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}
/* MXCSR bit 15 is flush-to-zero, bit 6 denormals-are-zero. */
unsigned int ccpu_enable_flush_to_zero(void) {
    unsigned int state = _mm_getcsr();
    _mm_setcsr(state | 0x8040u);
    return state;
}
void ccpu_restore_float_mode(unsigned int state) { _mm_setcsr(state); }
unsigned int ccpu_float_mode(void) { return _mm_getcsr(); }
#else
int ccpu_has_avx512f(void) { return 0; }
int ccpu_has_avx2_fma(void) { return 0; }
unsigned int ccpu_enable_flush_to_zero(void) { return 0; }
void ccpu_restore_float_mode(unsigned int state) { (void)state; }
unsigned int ccpu_float_mode(void) { return 0; }
#endif
