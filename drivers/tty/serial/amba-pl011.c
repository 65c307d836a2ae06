// SPDX-License-Identifier: MIT
/*
 * The boot console on QEMU virt: an ARM PrimeCell PL011 UART at 0x09000000
 * (Linux's drivers/tty/serial/amba-pl011.c, its earlycon part: "earlycon pl011").
 *
 * Boot pipeline: started by setup_arch() once the early options are read, so
 * printk has somewhere to write.  head.S maps the UART's megabyte at its own
 * address as device memory, so the registers are reached at UART_PHYS.  The
 * UART is polled: before each byte we wait while the transmit FIFO is full,
 * and the serial shell (kernel/shell.c) reads whatever the receive FIFO holds.
 */
#include <asm/page.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/types.h>

#define UART01x_DR	0x00		/* data register */
#define UART01x_FR	0x18		/* flag register */
#define UART011_CR	0x30		/* control register */
#define UART01x_FR_BUSY	(1 << 3)	/* still sending */
#define UART01x_FR_RXFE	(1 << 4)	/* receive FIFO empty */
#define UART01x_FR_TXFF	(1 << 5)	/* transmit FIFO full */
#define UART01x_DR_DATA	0xff		/* the byte; bits 8-11 are its error flags */
#define UART011_CR_ENABLE (1 << 0 | 1 << 8 | 1 << 9)	/* UARTEN | TXE | RXE */

static volatile u32 *const uart = (volatile u32 *)UART_PHYS;

static u32 pl011_read(unsigned int reg)
{
	return uart[reg / 4];
}

static void pl011_putc(char c)
{
	int spins = 100000;	/* a dead UART must not hang the boot */

	while ((pl011_read(UART01x_FR) & UART01x_FR_TXFF) && --spins)
		;
	uart[UART01x_DR / 4] = (u8)c;
}

static void pl011_write(const char *s, unsigned int n)
{
	while (n--) {
		if (*s == '\n')		/* a terminal wants CR LF */
			pl011_putc('\r');
		pl011_putc(*s++);
	}
}

static void pl011_flush(void)
{
	int spins = 1000000;

	while ((pl011_read(UART01x_FR) & UART01x_FR_BUSY) && --spins)
		;
}

/* The next received byte, or -1 if none is waiting: never blocks. */
static int pl011_getc(void)
{
	if (pl011_read(UART01x_FR) & UART01x_FR_RXFE)
		return -1;
	return (int)(pl011_read(UART01x_DR) & UART01x_DR_DATA);
}

static int pl011_console_read(char *s, unsigned int n)
{
	unsigned int got = 0;
	int c;

	while (got < n && (c = pl011_getc()) >= 0)
		s[got++] = (char)c;
	return (int)got;
}

static struct console pl011_console = {
	.name = "ttyAMA0",
	.write = pl011_write,
	.flush = pl011_flush,
	.read = pl011_console_read,
};

static bool pl011_enabled;

/* Has setup_arch() (or an early exception report, boot/arm/traps.c) started the console? */
bool pl011_console_enabled(void)
{
	return pl011_enabled;
}

/* Once only: an exception report may have started it before setup_arch() does. */
void pl011_early_init(void)
{
	if (pl011_enabled)
		return;
	pl011_enabled = true;
	uart[UART011_CR / 4] = UART011_CR_ENABLE;
	register_console(&pl011_console);
}
