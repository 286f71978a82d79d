/* SPDX-License-Identifier: Apache-2.0 */
/* Export macro. Every library is built with -fvisibility=hidden; only functions marked
 * OLIVE_API are part of a layer's public interface. */
#ifndef OLIVE_SUPPORT_API_H
#define OLIVE_SUPPORT_API_H

#if defined(__GNUC__) || defined(__clang__)
#define OLIVE_API __attribute__((visibility("default")))
#else
#define OLIVE_API
#endif

#define OLIVE_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif
