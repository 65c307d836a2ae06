// SPDX-License-Identifier: MIT
/*
 * The boot console on QEMU virt: an ARM PrimeCell PL011 UART at 0x09000000
 * (Linux's drivers/tty/serial/amba-pl011.c, its earlycon part: "earlycon pl011").
 *
 * Boot pipeline: started by setup_arch() once the early options are read, so
 * printk has somewhere to write.  head.S maps the UART's megabyte at its own
 * address as device memory, so the registers are reached at UART_PHYS.  The
 * UART is polled: before each byte we wait while the transmit FIFO is full.
 * Each time we look at the UART — for every byte sent, and when the shell
 * asks for input (console_read()) — what the receive FIFO holds moves into the
 * console's receive buffer (<kernel/tty_flip.h>), so that typeahead survives
 * the boot and reaches the serial shell (kernel/shell.c).
 */
#include <asm/page.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/tty_flip.h>
#include <kernel/types.h>

#define UART01x_DR	0x00		/* data register */
#define UART01x_FR	0x18		/* flag register */
#define UART011_CR	0x30		/* control register */
#define UART01x_FR_BUSY	(1 << 3)	/* still sending */
#define UART01x_FR_RXFE	(1 << 4)	/* receive FIFO empty */
#define UART01x_FR_TXFF	(1 << 5)	/* transmit FIFO full */
#define UART01x_DR_DATA	0xff		/* the byte; bits 8-11 are its error flags */
#define UART011_DR_OE	(1 << 11)	/* overrun: the FIFO was full, a byte was lost */
#define UART011_CR_ENABLE (1 << 0 | 1 << 8 | 1 << 9)	/* UARTEN | TXE | RXE */

static volatile u32 *const uart = (volatile u32 *)UART_PHYS;

static u32 pl011_read(unsigned int reg)
{
	return uart[reg / 4];
}

static void pl011_write_reg(unsigned int reg, u32 val)
{
	uart[reg / 4] = val;
}

/*
 * Received bytes into the receive buffer while there is room, as Linux's
 * pl011_fifo_to_tty() does from the interrupt.  When the buffer is full they
 * stay in the FIFO, and the sender is made to wait (QEMU) or overruns it
 * (the OE flag of the next byte read, counted here).
 */
static void pl011_rx_chars(void)
{
	while (tty_buffer_space(&console_rx) && !(pl011_read(UART01x_FR) & UART01x_FR_RXFE)) {
		u32 dr = pl011_read(UART01x_DR);

		if (dr & UART011_DR_OE)		/* lost before this one: count it */
			tty_flip_overrun(&console_rx);
		tty_insert_flip_char(&console_rx, (char)(dr & UART01x_DR_DATA));
	}
}

/*
 * Sending a byte takes as long as receiving one at the same baud rate, so
 * looking at the receiver once per byte sent keeps up with a sender typing or
 * pasting as fast as the line goes, however long the boot log is.
 */
static void pl011_putc(char c)
{
	int spins = 100000;	/* a dead UART must not hang the boot */

	pl011_rx_chars();
	while ((pl011_read(UART01x_FR) & UART01x_FR_TXFF) && --spins)
		;
	pl011_write_reg(UART01x_DR, (u8)c);
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

static struct console pl011_console = {
	.name = "ttyAMA0",
	.write = pl011_write,
	.flush = pl011_flush,
	.poll = pl011_rx_chars,
};

static bool pl011_enabled;

/* Has setup_arch() (or an early exception report, boot/arm/traps.c) started the console? */
bool pl011_console_enabled(void)
{
	return pl011_enabled;
}

/*
 * Line control (8N1, FIFOs) stays as the firmware left it: QEMU's reset state
 * has the FIFO off, one byte held.  Switching the FIFO on (LCR_H.FEN) empties
 * it, and a byte QEMU delivers between the last read and that write is lost:
 * measured, 40 piped commands lost two bytes.  With the FIFO off QEMU simply
 * waits until the guest has read each byte, and the receive buffer keeps them.
 * The byte the UART has held since power-on (the first one typed or piped into
 * `make run`) is taken first all the same.
 * Once only: an exception report may have started it before setup_arch() does.
 */
void pl011_early_init(void)
{
	if (pl011_enabled)
		return;
	pl011_enabled = true;
	pl011_rx_chars();
	pl011_write_reg(UART011_CR, UART011_CR_ENABLE);
	register_console(&pl011_console);
}
