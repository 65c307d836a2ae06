// SPDX-License-Identifier: MIT
/*
 * The boot console on a PC: COM1, a 16550-compatible UART at I/O port 0x3f8
 * (Linux's drivers/tty/serial/8250/8250_early.c, "earlyprintk=serial").
 *
 * Boot pipeline: the first thing setup_arch() starts, so printk has somewhere to
 * write.  The UART is polled, not interrupt-driven: before each byte we wait for
 * the transmit holding register to be empty (LSR bit 5).  Under QEMU the wait
 * is immediate, on hardware it is what keeps bytes from being lost.  Input is
 * polled too (LSR bit 0, data ready): each time we look at the UART — for every
 * byte sent, and when the shell asks for input (console_read()) — what it has
 * received moves into the console's receive buffer (<kernel/tty_flip.h>), so
 * that typeahead survives the boot and reaches the serial shell (kernel/shell.c).
 */
#include <asm/io.h>
#include <kernel/console.h>
#include <kernel/init.h>
#include <kernel/tty_flip.h>

#define COM1		0x3f8
#define UART_THR	0	/* transmit holding register (write) */
#define UART_RBR	0	/* receive buffer register (read) */
#define UART_IER	1	/* interrupt enable */
#define UART_DLL	0	/* divisor latch, low byte (when LCR.DLAB = 1) */
#define UART_DLM	1	/* divisor latch, high byte */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_LSR_DR	0x01	/* receiver data ready */
#define UART_LSR_OE	0x02	/* overrun: a byte came while the UART was full */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_LSR_TEMT	0x40	/* transmitter empty: FIFO and shift register */
#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03
#define BASE_BAUD	115200

/*
 * The line status.  Reading it clears its error bits, so whoever reads it
 * passes an overrun on to the receive buffer's count (Linux keeps them in
 * up->lsr_saved_flags for the same reason).
 */
static u8 serial_lsr(void)
{
	u8 lsr = inb(COM1 + UART_LSR);

	if (lsr & UART_LSR_OE)
		tty_flip_overrun(&console_rx);
	return lsr;
}

/*
 * Received bytes into the receive buffer while there is room, as Linux's
 * serial8250_rx_chars() does from the interrupt.  When the buffer is full they
 * stay in the UART, and the sender is made to wait (QEMU) or overruns it
 * (LSR.OE, counted by serial_lsr()).
 */
static void serial_rx_chars(void)
{
	while (tty_buffer_space(&console_rx) && (serial_lsr() & UART_LSR_DR))
		tty_insert_flip_char(&console_rx, (char)inb(COM1 + UART_RBR));
}

/*
 * Sending a byte takes as long as receiving one at the same baud rate, so
 * looking at the receiver once per byte sent keeps up with a sender typing or
 * pasting as fast as the line goes, however long the boot log is.
 */
static void serial_putc(char c)
{
	int spins = 100000;	/* a dead UART must not hang the boot */

	serial_rx_chars();
	while (!(serial_lsr() & UART_LSR_THRE) && --spins)
		;
	outb(c, COM1 + UART_THR);
}

static void early_serial_write(const char *s, unsigned int n)
{
	while (n--) {
		if (*s == '\n')		/* a terminal wants CR LF */
			serial_putc('\r');
		serial_putc(*s++);
	}
}

/* Powering off with bytes still in the FIFO would cut the last line short. */
static void early_serial_flush(void)
{
	int spins = 1000000;

	while (!(serial_lsr() & UART_LSR_TEMT) && --spins)
		;
}

static struct console early_serial_console = {
	.name = "ttyS0",
	.write = early_serial_write,
	.flush = early_serial_flush,
	.poll = serial_rx_chars,
};

/*
 * 115200 baud, 8 data bits, no parity, 1 stop bit, no interrupts.  The FIFO
 * control register is left as the firmware left it: QEMU's reset state (and
 * SeaBIOS's, once it keeps off COM1, see boot/x86/arch.mk) has the FIFOs off,
 * one byte held; GRUB's serial terminal switches them on.
 *
 * Switching the FIFO on would lose typeahead: a 16550 empties both FIFOs
 * whenever FCR bit 0 changes (QEMU's does too), and the byte held is the first
 * one typed or piped into `make run`.  Draining the UART first is not enough:
 * QEMU's serial backend hands the next byte over as soon as the guest has read
 * one, from another thread, so a byte can arrive between the last read and the
 * FCR write.  Measured with FCR written as the old code did (enable, clear
 * transmit FIFO) after a drain: 15 KB piped in lost one byte in 3 boots of 8,
 * at byte 33 to 101; with the FCR untouched, none in 8.  With the FIFO off,
 * QEMU simply waits until the guest has read each byte, and the receive
 * buffer keeps them.  On a real UART the FIFO's 16 bytes would be headroom
 * between two polls; here every printed character polls, and an overrun is
 * counted and reported (serial_lsr()).
 *
 * The byte the UART has held since power-on is taken first all the same.
 */
void __init early_serial_init(void)
{
	unsigned int divisor = BASE_BAUD / 115200;

	outb(0, COM1 + UART_IER);
	outb(UART_LCR_DLAB | UART_LCR_8N1, COM1 + UART_LCR);
	outb(divisor & 0xff, COM1 + UART_DLL);
	outb(divisor >> 8, COM1 + UART_DLM);
	outb(UART_LCR_8N1, COM1 + UART_LCR);
	serial_rx_chars();		/* typeahead */
	outb(0x03, COM1 + UART_MCR);	/* DTR and RTS */
	register_console(&early_serial_console);
}

/*
 * Linux's earlyprintk= chooses among several early consoles; bootmm always has
 * this one, so it takes the option and changes nothing.
 */
static int __init earlyprintk_setup(char *arg)
{
	(void)arg;
	return 0;
}
early_param("earlyprintk", earlyprintk_setup);
