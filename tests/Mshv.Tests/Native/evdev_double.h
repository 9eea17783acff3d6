// SPDX-License-Identifier: MIT
// The fake evdev device of evdev_double.c, as mshv_double.c routes to it.
#pragma once

extern const char evdev_double_path[];

// Answers an ioctl on a descriptor opened at evdev_double_path: the result, or -errno.
int evdev_double_ioctl(unsigned long request, void *arg);
