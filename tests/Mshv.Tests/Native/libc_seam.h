// SPDX-License-Identifier: MIT
// What every driver double behind the "libc" seam (docs/runtime-seam.md) shares: the next layer's open/ioctl/close/
// mmap/munmap, resolved once at load, and the open(2) mode argument read the way the C library reads it.
// Each double includes this once; the functions are static so two doubles in one process keep their own copies.
#ifndef MSHV_LIBC_SEAM_H
#define MSHV_LIBC_SEAM_H

#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/types.h>

static int (*real_open)(const char *, int, ...);
static int (*real_ioctl)(int, unsigned long, ...);
static int (*real_close)(int);
static void *(*real_mmap)(void *, size_t, int, int, int, off_t);
static int (*real_munmap)(void *, size_t);

// next: the library that serves what this double does not, or NULL for the C library already loaded.
// RTLD_NEXT is the fallback when libc.so.6 is not loaded under that name (a static or musl test host).
static void resolve_next_layer(const char *next)
{
	void *library = next ? dlopen(next, RTLD_NOW) : dlopen("libc.so.6", RTLD_NOW | RTLD_NOLOAD);
	if (!library)
		library = RTLD_NEXT;
	real_open = (int (*)(const char *, int, ...))dlsym(library, "open");
	real_ioctl = (int (*)(int, unsigned long, ...))dlsym(library, "ioctl");
	real_close = (int (*)(int))dlsym(library, "close");
	real_mmap = (void *(*)(void *, size_t, int, int, int, off_t))dlsym(library, "mmap");
	real_munmap = (int (*)(void *, size_t))dlsym(library, "munmap");
}

// open(2)'s third argument exists only with O_CREAT or O_TMPFILE; reading it otherwise reads garbage.
// A macro, because va_start must run in the variadic function itself.
#define SEAM_OPEN_MODE(flags, mode)                                                                                    \
	do {                                                                                                           \
		(mode) = 0;                                                                                            \
		if ((flags) & (O_CREAT | O_TMPFILE)) {                                                                 \
			va_list seam_ap;                                                                               \
			va_start(seam_ap, flags);                                                                      \
			(mode) = va_arg(seam_ap, mode_t);                                                              \
			va_end(seam_ap);                                                                               \
		}                                                                                                      \
	} while (0)

// ioctl(2)'s argument: one pointer-sized value, whatever the request.
#define SEAM_IOCTL_ARG(request, arg)                                                                                   \
	do {                                                                                                           \
		va_list seam_ap;                                                                                       \
		va_start(seam_ap, request);                                                                            \
		(arg) = va_arg(seam_ap, void *);                                                                       \
		va_end(seam_ap);                                                                                       \
	} while (0)

#endif
