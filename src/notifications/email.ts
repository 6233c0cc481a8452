import nodemailer, { type Transporter } from "nodemailer";
import type { NotificationRecord } from "./types.js";

/** One SMTP transport per process, pooled, created on first use. */
let transport: { url: string; transporter: Transporter } | undefined;

function transporterFor(url: string): Transporter {
  if (transport?.url !== url) {
    // Bounded waits: a stuck SMTP server must fail the attempt (and be retried), not hold the job.
    const parsed = new URL(url);
    const auth = parsed.username
      ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) }
      : undefined;
    const transporter = nodemailer.createTransport({
      host: parsed.hostname,
      port: Number(parsed.port || (parsed.protocol === "smtps:" ? 465 : 25)),
      secure: parsed.protocol === "smtps:",
      ...(auth ? { auth } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
    transport = { url, transporter };
  }
  return transport.transporter;
}

/**
 * Sends the e-mail part of a notification over SMTP. The Message-ID is derived from the
 * notification id, so if a crash makes us send it again, mail systems can tell it is the same.
 */
export async function sendEmail(smtpUrl: string, from: string, record: NotificationRecord): Promise<void> {
  await transporterFor(smtpUrl).sendMail({
    from,
    to: record.to,
    subject: record.subject,
    text: record.body,
    html: record.html,
    messageId: `<${record.id}@voip-compliance.example>`,
    headers: { "Content-Language": record.locale, "X-Notification-Type": record.type },
  });
}

export function closeEmailTransport(): void {
  transport?.transporter.close();
  transport = undefined;
}
