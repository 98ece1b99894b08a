/**
 * Collects the caller ID lines of one call into a record. Caller ID can come before the first
 * ring (UK), between the first and second ring (DE, US) or not at all, and a modem prints it as
 * several lines, so the block counts as complete at a blank line, a ring, or a short quiet time.
 */
import { CallerIdAssembler, emptyCallerId, type CallerId } from '../protocol/callerId.js';
import { parseCallerIdPacket } from '../protocol/callerIdRaw.js';
import type { Clock, Timer } from '../util/clock.js';
import type { Logger } from '../util/log.js';
import { TIMEOUTS } from '../util/timeouts.js';

/** A caller ID packet printed as hex by `AT+VCID=2`: long, even-length uppercase hex. */
const RAW_PACKET = /^[0-9A-F]{10,}$/i;

export class CallerIdCollector {
  private assembler = new CallerIdAssembler();
  private rawLines: string[] = [];
  private quietTimer: Timer | null = null;
  private packetResult: CallerId | null = null;

  constructor(
    private readonly clock: Clock,
    private readonly logger: Logger,
    private readonly onComplete: (callerId: CallerId) => void,
  ) {}

  /** Whether any caller ID line has arrived since the last completion. */
  get hasLines(): boolean {
    return this.rawLines.length > 0;
  }

  /** Feeds one unsolicited modem line; lines that are not caller ID are ignored. */
  pushLine(line: string): void {
    if (RAW_PACKET.test(line.trim())) {
      this.pushPacket(line.trim());
      return;
    }
    if (!this.assembler.push(line)) {
      if (line.trim() !== '') this.logger.debug({ line }, 'ignored modem line outside a command');
      return;
    }

    this.rawLines.push(line);
    this.restartQuietTimer();
  }

  /** A blank line or a ring ends a caller ID block that has started. */
  endOfBlock(): void {
    if (this.hasLines) this.complete();
  }

  /** Drops anything collected, for example when a call ends. */
  reset(): void {
    this.quietTimer?.cancel();
    this.quietTimer = null;
    this.assembler = new CallerIdAssembler();
    this.rawLines = [];
    this.packetResult = null;
  }

  private pushPacket(hex: string): void {
    const parsed = parseCallerIdPacket(hex);
    this.rawLines.push(hex);
    if (parsed.ok) {
      this.packetResult = parsed.callerId;
    } else {
      // A packet that fails its checksum is treated as caller ID absent, never as a number.
      this.logger.warn({ packet: hex, reason: parsed.reason }, 'discarded caller ID packet');
    }
    this.complete();
  }

  private restartQuietTimer(): void {
    this.quietTimer?.cancel();
    this.quietTimer = this.clock.setTimeout(() => this.complete(), TIMEOUTS.callerIdQuiet);
  }

  private complete(): void {
    const fromPacket = this.packetResult;
    const hadFormatted = !this.assembler.isEmpty;
    const callerId = fromPacket ?? (hadFormatted ? this.assembler.build() : null);
    const rawLines = this.rawLines;
    this.reset();

    this.onComplete({ ...(callerId ?? emptyCallerId('absent')), raw: rawLines });
  }
}
