// SPDX-License-Identifier: MIT
// A fake evdev device for the libc seam (docs/runtime-seam.md), linked into the mshv double: mshv_double.c hands out
// a descriptor for evdev_double_path and routes its ioctls here. EVIOCGNAME(len) is answered as
// drivers/input/evdev.c does (evdev_do_ioctl -> str_to_user): at most _IOC_SIZE(request) bytes of the name, NUL
// included, and the count copied as the result. The request is decoded by <linux/input.h>'s own macros.

#include <errno.h>
#include <string.h>
#include <linux/input.h>

#include "evdev_double.h"

#define EXPORT __attribute__((visibility("default")))

const char evdev_double_path[] = "/dev/input/mshv-double-event0";

static const char device_name[] = "Mshv evdev double";
static unsigned int last_size = 0xFFFFFFFFu;

int evdev_double_ioctl(unsigned long request, void *arg)
{
	if (_IOC_TYPE(request) != 'E')
		return -EINVAL; // evdev_do_ioctl's fall-through for a foreign type
	if (_IOC_DIR(request) == _IOC_READ && _IOC_NR(request) == _IOC_NR(EVIOCGNAME(0))) {
		size_t size = _IOC_SIZE(request);
		size_t len = strlen(device_name) + 1;
		last_size = (unsigned int)size;
		if (len > size)
			len = size;
		memcpy(arg, device_name, len); // copy_to_user of exactly len bytes
		return (int)len;
	}
	return -EINVAL;
}

// The size field of the last EVIOCGNAME the device saw: what the caller told the driver its buffer holds.
EXPORT unsigned int evdev_double_last_size(void)
{
	return last_size;
}
