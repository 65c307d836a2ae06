// SPDX-License-Identifier: MIT
/*
 * Command-line parsing, independent of where the options are registered
 * (Linux: next_arg and parameq in kernel/params.c, memparse and get_option in
 * lib/cmdline.c, simple_strto* in lib/vsprintf.c).
 *
 * Boot pipeline: setup_arch() copies the bootloader's command line into
 * boot_command_line; kernel/cmdline.c then runs parse_param_table() twice over
 * copies of it — early options first, the rest after "Kernel command line:" is
 * printed.  This file has no kernel state, so it is unit-tested on the host.
 */
#include <string.h>
#include <kernel/errno.h>
#include <kernel/kernel.h>
#include <kernel/params.h>
#include <kernel/printk.h>

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static char *skip_spaces(char *s)
{
	while (is_space(*s))
		s++;
	return s;
}

/* Option names treat '-' and '_' alike, so "ignore-loglevel" works too. */
static char dash2underscore(char c)
{
	return c == '-' ? '_' : c;
}

bool parameq(const char *a, const char *b)
{
	for (; *a || *b; a++, b++)
		if (dash2underscore(*a) != dash2underscore(*b))
			return false;
	return true;
}

/**
 * next_arg - split off the first option of a command line
 * @args: the line; it is modified (NULs are written)
 * @param: set to the option's name
 * @val: set to the text after '=', or NULL when there is none
 *
 * Double quotes group text with spaces: foo="a b" gives val "a b" and
 * "foo=a b" gives param foo, val "a b".  Returns the rest of the line.
 */
char *next_arg(char *args, char **param, char **val)
{
	unsigned int i, equals = 0;
	bool in_quote = false, quoted = false;

	if (*args == '"') {
		args++;
		in_quote = true;
		quoted = true;
	}
	for (i = 0; args[i]; i++) {
		if (is_space(args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}

	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') {	/* drop the quotes around the value */
			(*val)++;
			if (i > 0 && args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';

	if (args[i]) {
		args[i] = '\0';
		args += i + 1;
	} else {
		args += i;
	}
	return skip_spaces(args);
}

static void append_word(char *list, size_t size, const char *param, const char *val)
{
	size_t len = strlen(list);

	if (len && len + 1 < size)
		list[len++] = ' ';
	if (val)
		snprintf(list + len, size - len, "%s=%s", param, val);
	else
		snprintf(list + len, size - len, "%s", param);
}

/**
 * parse_param_table - run the handler of every option found in @args
 * @args: a writable copy of the command line
 * @start, @end: the table of registered options
 * @early: run only early_param() handlers (true) or only __setup() ones (false)
 * @unknown: if not NULL, collects options that match no handler, early or not
 *
 * A handler returning non-zero is reported as Linux does ("Malformed early
 * option") and the option is otherwise ignored.  "--" ends kernel options, as
 * in Linux: what follows belongs to init.
 */
void parse_param_table(char *args, const struct obs_kernel_param *start,
		       const struct obs_kernel_param *end, bool early,
		       struct unknown_params *unknown)
{
	args = skip_spaces(args);
	while (*args) {
		const struct obs_kernel_param *p;
		char *param, *val;
		bool known = false;

		args = next_arg(args, &param, &val);
		if (!val && strcmp(param, "--") == 0)
			break;
		for (p = start; p < end; p++) {
			if (!parameq(param, p->str))
				continue;
			known = true;
			if (!p->early != !early)
				continue;
			if (p->setup_func(val) != 0)
				pr_warn("Malformed %soption '%s'\n", early ? "early " : "", param);
		}
		/* Options with a '.' are module parameters: not ours, not unknown. */
		if (!known && unknown && !strchr(param, '.')) {
			if (val)
				append_word(unknown->with_value, sizeof(unknown->with_value), param, val);
			else
				append_word(unknown->without_value, sizeof(unknown->without_value), param, NULL);
		}
	}
}

/* Linux lists init's environment first, then its arguments. */
void format_unknown_params(const struct unknown_params *unknown, char *buf, size_t size)
{
	const char *sep = unknown->with_value[0] && unknown->without_value[0] ? " " : "";

	snprintf(buf, size, "%s%s%s", unknown->with_value, sep, unknown->without_value);
}

static int digit_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'Z')
		return c - 'A' + 10;
	return 99;
}

/*
 * The base of the number at *@sp, and *@sp moved past a "0x": base 0 means
 * 0x.. hex, 0.. octal, decimal otherwise (as in C source); base 16 takes an
 * optional "0x".
 */
static unsigned int number_base(const char **sp, unsigned int base)
{
	const char *s = *sp;

	if (base == 0) {
		base = 10;
		if (s[0] == '0') {
			base = 8;
			if ((s[1] == 'x' || s[1] == 'X') && digit_value(s[2]) < 16) {
				base = 16;
				s += 2;
			}
		}
	} else if (base == 16 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		s += 2;
	}
	*sp = s;
	return base;
}

/* Base 0 means: 0x.. hex, 0.. octal, decimal otherwise (as in C source). */
unsigned long long simple_strtoull(const char *cp, char **endp, unsigned int base)
{
	unsigned long long result = 0;

	base = number_base(&cp, base);
	while (digit_value(*cp) < (int)base)
		result = result * base + digit_value(*cp++);
	if (endp)
		*endp = (char *)cp;
	return result;
}

unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base)
{
	return (unsigned long)simple_strtoull(cp, endp, base);
}

long simple_strtol(const char *cp, char **endp, unsigned int base)
{
	if (*cp == '-')
		return -(long)simple_strtoul(cp + 1, endp, base);
	return (long)simple_strtoul(cp, endp, base);
}

/* The shift of a memparse() size suffix at *@p (K, M, G, T, P, E: 10 ... 60), moving past it. */
static int memparse_suffix(const char **p)
{
	int shift = 0;

	switch (**p) {
	case 'E': case 'e': shift += 10; /* fall through */
	case 'P': case 'p': shift += 10; /* fall through */
	case 'T': case 't': shift += 10; /* fall through */
	case 'G': case 'g': shift += 10; /* fall through */
	case 'M': case 'm': shift += 10; /* fall through */
	case 'K': case 'k': shift += 10;
		++*p;
		break;
	default:
		break;
	}
	return shift;
}

/**
 * memparse - parse a size such as "128M", "0x1000" or "3G"
 * @ptr: the text
 * @retptr: set to the first character not used (== @ptr if no number)
 *
 * The suffixes K, M, G, T, P, E (either case) multiply by powers of 1024.
 */
unsigned long long memparse(const char *ptr, char **retptr)
{
	char *end;
	unsigned long long ret = simple_strtoull(ptr, &end, 0);
	int shift = memparse_suffix((const char **)&end);

	if (retptr)
		*retptr = end;
	return ret << shift;
}

/**
 * memparse_overflows - would memparse(@ptr) wrap around 64 bits?
 * @ptr: the text memparse() is given
 *
 * memparse() (as Linux's) silently wraps: "99999999999G" becomes a number
 * with nothing to do with what was typed.  Callers that must not guess ask
 * first (bootmm's own check: Linux's mem= takes the wrapped number).
 */
bool memparse_overflows(const char *ptr)
{
	unsigned long long v = 0;
	unsigned int base = number_base(&ptr, 0);
	int shift;

	for (; digit_value(*ptr) < (int)base; ptr++) {
		unsigned int d = digit_value(*ptr);

		if (v > (~0ULL - d) / base)
			return true;
		v = v * base + d;
	}
	shift = memparse_suffix(&ptr);
	return shift && v > (~0ULL >> shift);
}

/**
 * kstrtoint - a whole string as an int, strictly (Linux's lib/kstrtox.c)
 * @s: the text: an optional sign, digits (base 0: 0x hex, 0 octal), and at
 *     most one trailing newline; nothing else
 * @base: 0, 8, 10 or 16
 * @res: set only on success
 *
 * Returns 0, -EINVAL (not a number, or junk after it) or -ERANGE (too big).
 * What a kernel parameter of type int (core_param, module_param) is parsed
 * with, unlike simple_strtol(), which stops at the first non-digit.
 */
int kstrtoint(const char *s, unsigned int base, int *res)
{
	bool negative = false;
	unsigned long long v = 0;
	const char *digits;

	if (!s)
		return -EINVAL;
	if (*s == '+' || *s == '-')
		negative = *s++ == '-';
	base = number_base(&s, base);
	for (digits = s; digit_value(*s) < (int)base; s++) {
		v = v * base + digit_value(*s);
		if (v > 0x80000000ULL)
			return -ERANGE;
	}
	if (s == digits)
		return -EINVAL;
	if (*s == '\n')
		s++;
	if (*s)
		return -EINVAL;
	if (!negative && v > 0x7fffffffULL)
		return -ERANGE;
	*res = negative ? (int)-(long long)v : (int)v;
	return 0;
}

/**
 * get_option - parse one integer from a comma-separated list
 * @str: the list; advanced past the number (and the comma)
 * @pint: where the number goes
 *
 * Returns 0 if there was no number, 1 for the last number, 2 if a comma
 * follows, 3 if a '-' (a range) follows — as Linux's get_option().
 */
int get_option(char **str, int *pint)
{
	char *cur = *str;
	bool negative;
	int value;

	if (!cur || !*cur)
		return 0;
	negative = *cur == '-';
	if (negative)
		cur++;
	value = (int)simple_strtoull(cur, str, 0);
	if (cur == *str)
		return 0;
	if (negative)
		value = -value;
	*pint = value;
	if (**str == ',') {
		(*str)++;
		return 2;
	}
	if (**str == '-')
		return 3;
	return 1;
}
