// SPDX-License-Identifier: MIT
/*
 * vsnprintf: the formatter behind printk (lib/vsprintf.c in Linux).
 *
 * It knows the conversions the boot log needs and none it does not: integers in
 * every size Linux's format strings use (%d %u %x %o with h hh l ll L z t), %c,
 * %s, %p, and the kernel's own %pa (a phys_addr_t, passed by reference, printed
 * in full width) and %pS (a code address; without a symbol table, as a
 * CONFIG_KALLSYMS=n Linux would, its hex value).  No floating point: the kernel
 * never uses it.  This file also builds for the host, so it is unit-tested.
 */
#include <kernel/kernel.h>
#include <kernel/printk.h>

struct spec {
	bool left;		/* '-': pad on the right */
	bool zero;		/* '0': pad with zeros */
	bool alt;		/* '#': 0x / 0 prefix */
	bool plus, space;	/* sign of positive numbers */
	int width;		/* -1: none */
	int precision;		/* -1: none */
};

/* Output cursor that counts every character but stores only what fits. */
struct out {
	char *buf;
	size_t size, len;
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void pad(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

static void put_string(struct out *o, const char *s, const struct spec *sp)
{
	int len = 0;

	if (!s)
		s = "(null)";
	while (s[len] && (sp->precision < 0 || len < sp->precision))
		len++;
	if (!sp->left)
		pad(o, ' ', sp->width - len);
	for (int i = 0; i < len; i++)
		put(o, s[i]);
	if (sp->left)
		pad(o, ' ', sp->width - len);
}

static void put_number(struct out *o, unsigned long long num, bool negative,
		       unsigned int base, bool upper, const struct spec *sp)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	const char *prefix = "";
	int n = 0, prefix_len, zeros, total;

	do {
		tmp[n++] = digits[num % base];
		num /= base;
	} while (num);

	if (negative)
		prefix = "-";
	else if (sp->plus && base == 10)
		prefix = "+";
	else if (sp->space && base == 10)
		prefix = " ";
	else if (sp->alt && base == 16)
		prefix = upper ? "0X" : "0x";
	else if (sp->alt && base == 8 && tmp[n - 1] != '0')
		prefix = "0";
	prefix_len = prefix[0] ? (prefix[1] ? 2 : 1) : 0;

	/* Precision gives a minimum digit count; '0' pads to the width instead. */
	zeros = sp->precision > n ? sp->precision - n : 0;
	total = prefix_len + zeros + n;
	if (sp->zero && !sp->left && sp->precision < 0 && sp->width > total) {
		zeros += sp->width - total;
		total = sp->width;
	}
	if (!sp->left)
		pad(o, ' ', sp->width - total);
	for (int i = 0; i < prefix_len; i++)
		put(o, prefix[i]);
	pad(o, '0', zeros);
	while (n)
		put(o, tmp[--n]);
	if (sp->left)
		pad(o, ' ', sp->width - total);
}

/* %p and its kernel extensions; fmt points at the character after 'p'. */
static const char *put_pointer(struct out *o, const char *fmt, void *ptr,
			       struct spec *sp)
{
	struct spec hex = *sp;

	hex.alt = true;
	hex.zero = true;
	if (*fmt == 'a') {		/* %pa: *(phys_addr_t *)ptr, full width */
		hex.width = 2 + 2 * (int)sizeof(phys_addr_t);
		put_number(o, *(phys_addr_t *)ptr, false, 16, false, &hex);
		fmt++;
		if (*fmt == 'p')	/* %pap is the same as %pa */
			fmt++;
		return fmt;
	}
	if (*fmt == 'S' || *fmt == 's')	/* symbol: no kallsyms, so the address */
		fmt++;
	if (hex.width < 0)
		hex.width = 2 + 2 * (int)sizeof(void *);
	put_number(o, (uintptr_t)ptr, false, 16, false, &hex);
	return fmt;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	struct out o = { buf, size, 0 };

	for (; *fmt; fmt++) {
		struct spec sp = { .width = -1, .precision = -1 };
		int length = 0;		/* -2 hh, -1 h, 0 int, 1 long, 2 long long, 3 size_t */
		unsigned long long num;
		bool negative = false;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (;;) {		/* flags */
			char c = *++fmt;

			if (c == '-')
				sp.left = true;
			else if (c == '0')
				sp.zero = true;
			else if (c == '#')
				sp.alt = true;
			else if (c == '+')
				sp.plus = true;
			else if (c == ' ')
				sp.space = true;
			else
				break;
		}
		if (*fmt == '*') {
			sp.width = va_arg(args, int);
			if (sp.width < 0) {
				sp.left = true;
				sp.width = -sp.width;
			}
			fmt++;
		} else {
			for (sp.width = -1; *fmt >= '0' && *fmt <= '9'; fmt++)
				sp.width = (sp.width < 0 ? 0 : sp.width * 10) + (*fmt - '0');
		}
		if (*fmt == '.') {
			fmt++;
			sp.precision = 0;
			if (*fmt == '*') {
				sp.precision = va_arg(args, int);
				fmt++;
			} else {
				while (*fmt >= '0' && *fmt <= '9')
					sp.precision = sp.precision * 10 + (*fmt++ - '0');
			}
		}
		for (;; fmt++) {	/* length modifiers */
			if (*fmt == 'h')
				length = length == -1 ? -2 : -1;
			else if (*fmt == 'l')
				length++;
			else if (*fmt == 'L' || *fmt == 'q')
				length = 2;
			else if (*fmt == 'z' || *fmt == 't')
				length = 3;
			else
				break;
		}

		switch (*fmt) {
		case 'c':
			sp.precision = 1;
			{
				char c[2] = { (char)va_arg(args, int), 0 };

				put_string(&o, c, &sp);
			}
			continue;
		case 's':
			put_string(&o, va_arg(args, const char *), &sp);
			continue;
		case 'p':
			fmt = put_pointer(&o, fmt + 1, va_arg(args, void *), &sp) - 1;
			continue;
		case '%':
			put(&o, '%');
			continue;
		case 'd':
		case 'i': {
			long long v;

			if (length == 2)
				v = va_arg(args, long long);
			else if (length == 1)
				v = va_arg(args, long);
			else if (length == 3)
				v = (ptrdiff_t)va_arg(args, ptrdiff_t);
			else
				v = va_arg(args, int);
			if (length == -1)
				v = (short)v;
			else if (length == -2)
				v = (signed char)v;
			negative = v < 0;
			num = negative ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			put_number(&o, num, negative, 10, false, &sp);
			continue;
		}
		case 'u':
		case 'x':
		case 'X':
		case 'o':
			if (length == 2)
				num = va_arg(args, unsigned long long);
			else if (length == 1)
				num = va_arg(args, unsigned long);
			else if (length == 3)
				num = va_arg(args, size_t);
			else
				num = va_arg(args, unsigned int);
			if (length == -1)
				num = (unsigned short)num;
			else if (length == -2)
				num = (unsigned char)num;
			put_number(&o, num, false,
				   *fmt == 'o' ? 8 : *fmt == 'u' ? 10 : 16,
				   *fmt == 'X', &sp);
			continue;
		case '\0':
			fmt--;		/* a lone '%' at the end: stop */
			continue;
		default:		/* unknown: print it as Linux does, verbatim */
			put(&o, '%');
			put(&o, *fmt);
			continue;
		}
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	return n;
}

/* Like snprintf, but returns what was stored, not what would have been. */
int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	int n;

	va_start(args, fmt);
	n = vsnprintf(buf, size, fmt, args);
	va_end(args);
	if (size == 0)
		return 0;
	return n < (int)size ? n : (int)size - 1;
}
