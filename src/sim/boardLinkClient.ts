/**
 * The daemon's side of the board link: a Board whose outputs become messages to the board
 * simulator and whose inputs come from the simulator's state messages.
 */
import type {
  Board,
  HookState,
  LedName,
  LineSense,
  PhonePort,
  Relay,
  RingCadence,
} from '../hardware/board.js';
import { validateRingCadence } from '../hardware/ringer.js';
import type { ByteLink } from '../transport/serialLink.js';
import { VorzimmerError, errorMessage } from '../util/errors.js';
import { Listeners } from '../util/listeners.js';
import type { Logger } from '../util/log.js';
import {
  LineSplitter,
  decodeMessage,
  encodeMessage,
  simMessageSchema,
  type DaemonMessage,
  type SimMessage,
} from './boardLinkProtocol.js';

const LED_NAMES: readonly LedName[] = ['ready', 'message', 'call'];

/** The daemon's side of the link: a Board that forwards every output change as a message. */
export class LinkedBoard implements Board {
  readonly relay: Relay;
  readonly phonePort: PhonePort;
  lineSense: LineSense | null = null;
  readonly leds = {
    set: (name: LedName, on: boolean): void => void this.sendLogged({ op: 'led', name, on }),
  };

  private state: SimMessage | null = null;
  private relayHeld = false;
  private ringing = false;
  private readonly splitter = new LineSplitter();
  private readonly hookListeners = new Listeners<HookState>();
  private readonly lineSenseListeners = new Listeners<boolean>();
  private readonly firstState = new Listeners<void>();
  private readonly removeData: () => void;

  constructor(
    private readonly link: ByteLink,
    private readonly logger: Logger,
  ) {
    this.removeData = link.onData((bytes) => this.receive(bytes));
    this.relay = this.createRelay();
    this.phonePort = this.createPhonePort();
  }

  sendHello(): void {
    void this.sendLogged({ op: 'hello' });
  }

  onFirstState(listener: () => void): () => void {
    return this.firstState.add(listener);
  }

  /** Stops reading the link, for a connection attempt that failed. */
  detach(): void {
    this.removeData();
  }

  async safeState(): Promise<void> {
    this.ringing = false;
    this.relayHeld = false;
    const messages: DaemonMessage[] = [
      { op: 'ring-stop' },
      { op: 'relay', held: false },
      ...LED_NAMES.map((name): DaemonMessage => ({ op: 'led', name, on: false })),
    ];
    for (const message of messages) await this.sendLogged(message);
  }

  async close(): Promise<void> {
    await this.safeState();
    this.removeData();
    this.hookListeners.clear();
    this.lineSenseListeners.clear();
    await this.link.close();
  }

  private createRelay(): Relay {
    const isHeld = (): boolean => this.relayHeld;
    return {
      get held() {
        return isHeld();
      },
      setHeld: async (held) => {
        try {
          await this.link.write(encodeMessage({ op: 'relay', held }));
        } catch (error) {
          throw new VorzimmerError(
            'GPIO_FAILED',
            `Cannot switch relay K1 on the board simulator at ${this.link.path}: ${errorMessage(error)}`,
            { cause: error },
          );
        }
        this.relayHeld = held;
      },
    };
  }

  private createPhonePort(): PhonePort {
    const isRinging = (): boolean => this.ringing;
    const readHook = (): HookState => this.state?.hook ?? 'on-hook';
    return {
      get ringing() {
        return isRinging();
      },
      get hook() {
        return readHook();
      },
      startRinging: (cadence: RingCadence) => {
        validateRingCadence(cadence);
        if (readHook() === 'off-hook') {
          this.logger.warn({ cadence }, 'Ringing not started because the desk phone is off-hook');
          return;
        }
        this.ringing = true;
        void this.sendLogged({ op: 'ring', cadence: [...cadence] });
      },
      stopRinging: () => {
        if (!this.ringing) return;
        this.ringing = false;
        void this.sendLogged({ op: 'ring-stop' });
      },
      onHookChange: (listener) => this.hookListeners.add(listener),
    };
  }

  private receive(bytes: Buffer): void {
    const { lines, discarded } = this.splitter.push(bytes);
    for (const line of discarded) {
      this.logger.warn({ start: line }, 'Overlong line from the board simulator discarded');
    }

    for (const line of lines) {
      const decoded = decodeMessage(line, simMessageSchema);
      if (decoded.ok) {
        this.applyState(decoded.message);
      } else {
        this.logger.warn(
          { line, reason: decoded.reason },
          'Invalid message from the board simulator skipped',
        );
      }
    }
  }

  private applyState(next: SimMessage): void {
    const previous = this.state;
    this.state = next;

    if (!previous) {
      this.lineSense = next.lineSense === null ? null : this.createLineSense();
      this.firstState.emit();
      return;
    }

    if (next.hook !== previous.hook) {
      // The simulator stops ringing on its own when the phone goes off-hook (ring trip).
      if (next.hook === 'off-hook') this.ringing = false;
      this.hookListeners.emit(next.hook);
    }
    if (next.lineSense !== null && next.lineSense !== previous.lineSense) {
      this.lineSenseListeners.emit(next.lineSense);
    }
  }

  private createLineSense(): LineSense {
    const readOffHook = (): boolean => this.state?.lineSense ?? false;
    return {
      get offHook() {
        return readOffHook();
      },
      onChange: (listener) => this.lineSenseListeners.add(listener),
    };
  }

  /** Sends a message whose failure the caller cannot act on, so a failure is logged, not thrown. */
  private async sendLogged(message: DaemonMessage): Promise<void> {
    try {
      await this.link.write(encodeMessage(message));
    } catch (error) {
      this.logger.error({ err: errorMessage(error), op: message.op }, 'Cannot send to the board simulator');
    }
  }
}
