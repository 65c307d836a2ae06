// SPDX-License-Identifier: MIT
/*
 * The boot console on a PC: COM1, a 16550-compatible UART at I/O port 0x3f8
 * (Linux's drivers/tty/serial/8250/8250_early.c, "earlyprintk=serial").
 *
 * Boot pipeline: the first thing setup_arch() starts, so printk has somewhere to
 * write.  The UART is polled, not interrupt-driven: before each byte we wait for
 * the transmit holding register to be empty (LSR bit 5).  Under QEMU the wait
 * is immediate, on hardware it is what keeps bytes from being lost.  Input is
 * polled too (LSR bit 0, data ready), for the serial shell (kernel/shell.c).
 */
#include <asm/io.h>
#include <kernel/console.h>
#include <kernel/init.h>

#define COM1		0x3f8
#define UART_THR	0	/* transmit holding register (write) */
#define UART_RBR	0	/* receive buffer register (read) */
#define UART_IER	1	/* interrupt enable */
#define UART_DLL	0	/* divisor latch, low byte (when LCR.DLAB = 1) */
#define UART_DLM	1	/* divisor latch, high byte */
#define UART_FCR	2	/* FIFO control */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */
#define UART_LSR_DR	0x01	/* receiver data ready */
#define UART_LSR_THRE	0x20	/* transmit holding register empty */
#define UART_LSR_TEMT	0x40	/* transmitter empty: FIFO and shift register */
#define UART_LCR_DLAB	0x80
#define UART_LCR_8N1	0x03
#define BASE_BAUD	115200

static void serial_putc(char c)
{
	int spins = 100000;	/* a dead UART must not hang the boot */

	while (!(inb(COM1 + UART_LSR) & UART_LSR_THRE) && --spins)
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

	while (!(inb(COM1 + UART_LSR) & UART_LSR_TEMT) && --spins)
		;
}

/* The next received byte, or -1 if none is waiting: never blocks. */
static int serial_getc(void)
{
	if (!(inb(COM1 + UART_LSR) & UART_LSR_DR))
		return -1;
	return inb(COM1 + UART_RBR);
}

static int early_serial_read(char *s, unsigned int n)
{
	unsigned int got = 0;
	int c;

	while (got < n && (c = serial_getc()) >= 0)
		s[got++] = (char)c;
	return (int)got;
}

static struct console early_serial_console = {
	.name = "ttyS0",
	.write = early_serial_write,
	.flush = early_serial_flush,
	.read = early_serial_read,
};

/* 115200 baud, 8 data bits, no parity, 1 stop bit, no interrupts, FIFOs on. */
void __init early_serial_init(void)
{
	unsigned int divisor = BASE_BAUD / 115200;

	outb(0, COM1 + UART_IER);
	outb(UART_LCR_DLAB | UART_LCR_8N1, COM1 + UART_LCR);
	outb(divisor & 0xff, COM1 + UART_DLL);
	outb(divisor >> 8, COM1 + UART_DLM);
	outb(UART_LCR_8N1, COM1 + UART_LCR);
	outb(0x07, COM1 + UART_FCR);	/* enable and clear both FIFOs */
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
