// Package kernel is where the monolith's shared kernel is ported: utilities every
// context uses (formatting, db helpers, auth) that are a library, not a service.
//
// To port:
//   - shop.common:fmt_money (shop/common.py:1)
package kernel
