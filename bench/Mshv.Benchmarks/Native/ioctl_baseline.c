// SPDX-License-Identifier: MIT
// The C side of the ioctl benchmark: the same KVM_CHECK_EXTENSION request the runtime makes, with the request
// number from <linux/kvm.h> (the compiler's, never the C#'s). Built by the benchmark at start-up:
//   cc -O2 -shared -fPIC -o <tmp>/libmshv_bench.so ioctl_baseline.c
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <time.h>

#define EXPORT __attribute__((visibility("default")))

// The request number C uses, so the benchmark can check that both sides make the same call.
EXPORT unsigned long mshv_bench_request(void)
{
	return KVM_CHECK_EXTENSION;
}

// One ioctl per call: what a P/Invoke of hand-written C costs, the baseline the runtime is measured against.
EXPORT int mshv_bench_check_extension(int fd, unsigned long capability)
{
	return ioctl(fd, KVM_CHECK_EXTENSION, capability);
}

// n ioctls without leaving C: the floor (the system call alone), for reference. Returns the last result.
EXPORT int mshv_bench_check_extension_loop(int fd, unsigned long capability, long n)
{
	int result = 0;
	for (long i = 0; i < n; i++)
		result = ioctl(fd, KVM_CHECK_EXTENSION, capability);
	return result;
}

// The pure-C figure measured by C itself: nanoseconds per ioctl over n calls, timed with CLOCK_MONOTONIC.
EXPORT double mshv_bench_ns_per_call(int fd, unsigned long capability, long n)
{
	struct timespec start, end;
	clock_gettime(CLOCK_MONOTONIC, &start);
	for (long i = 0; i < n; i++)
		ioctl(fd, KVM_CHECK_EXTENSION, capability);
	clock_gettime(CLOCK_MONOTONIC, &end);
	return ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / (double)n;
}
