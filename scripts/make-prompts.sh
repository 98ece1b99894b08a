#!/usr/bin/env bash
# Makes the default prompts with the espeak-ng speech synthesiser and sox:
# prompts/<locale>/<name>.wav for the locales de and en, as 8 kHz mono unsigned 8-bit WAV files,
# the format the voice modems play. The names must match PROMPT_NAMES in src/call/prompts.ts.
#
# Usage: scripts/make-prompts.sh [output folder]   (default: prompts/ in the repository)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
output_dir="${1:-$repo_root/prompts}"

# Words per minute: a little slower than espeak-ng's default of 175, for the narrow phone band.
readonly SPEECH_RATE=150
# Output format of every prompt: 8 kHz, mono, unsigned 8-bit PCM. -D turns dithering off, so that
# silence stays at exactly 0x80.
readonly MODEM_FORMAT=(-D -r 8000 -c 1 -b 8 -e unsigned-integer)

for tool in espeak-ng sox; do
  if ! command -v "$tool" >/dev/null; then
    echo "make-prompts: $tool not found. Install it, for example with: sudo apt-get install $tool" >&2
    exit 1
  fi
done

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT

# speak LOCALE NAME TEXT: synthesises TEXT and writes it as prompt NAME of LOCALE.
speak() {
  local locale="$1" name="$2" text="$3" voice
  case "$locale" in
    de) voice=de ;;
    en) voice=en-gb ;;
    *)
      echo "make-prompts: unknown locale $locale" >&2
      exit 1
      ;;
  esac

  mkdir -p "$output_dir/$locale"
  espeak-ng -v "$voice" -s "$SPEECH_RATE" -w "$work_dir/speech.wav" "$text"
  # Cut the synthesiser's leading and trailing silence, keep the telephone band, normalise the
  # peaks to -1 dBFS and end with 50 ms of silence so that joined prompts do not run together.
  sox "$work_dir/speech.wav" "${MODEM_FORMAT[@]}" "$output_dir/$locale/$name.wav" \
    gain -3 silence 1 0.01 0.1% reverse silence 1 0.01 0.1% reverse \
    highpass 250 lowpass 3400 gain -n -1 pad 0 0.05
}

# beep LOCALE: a 1 kHz tone of 0.4 s with 10 ms fades, which avoid clicks at either end.
beep() {
  local locale="$1"
  mkdir -p "$output_dir/$locale"
  sox -n "${MODEM_FORMAT[@]}" "$output_dir/$locale/beep.wav" synth 0.4 sine 1000 gain -6 fade 0.01 0.4 0.01
}

make_german() {
  speak de screen-greeting 'Guten Tag. Bitte nennen Sie nach dem Signalton Ihren Namen und Ihr Anliegen.'
  beep de
  speak de hold 'Vielen Dank. Bitte bleiben Sie am Apparat.'
  speak de call-from 'Anruf von'
  speak de no-name 'jemandem, der keinen Namen genannt hat'
  speak de desk-menu 'Drücken Sie die Eins zum Annehmen, die Zwei für den Anrufbeantworter, die Drei zum Ablehnen, die Vier zum Sperren der Nummer, die Fünf zum Annehmen und dauerhaften Freischalten, oder die Sterntaste zum Wiederholen.'
  speak de desk-menu-no-voicemail 'Drücken Sie die Eins zum Annehmen, die Drei zum Ablehnen, die Vier zum Sperren der Nummer, die Fünf zum Annehmen und dauerhaften Freischalten, oder die Sterntaste zum Wiederholen.'
  speak de desk-invalid-key 'Ungültige Taste.'
  speak de refusal 'Leider kann Ihr Anruf nicht entgegengenommen werden. Auf Wiederhören.'
  speak de voicemail-greeting 'Bitte hinterlassen Sie nach dem Signalton eine Nachricht. Wenn Sie fertig sind, drücken Sie die Rautetaste.'
  speak de voicemail-desk-confirm 'Der Anrufer kann jetzt eine Nachricht hinterlassen.'
  speak de rejected-desk-confirm 'Der Anruf wurde abgelehnt.'
  speak de blocked-desk-confirm 'Der Anruf wurde abgelehnt und die Nummer gesperrt.'
  speak de caller-gone 'Der Anrufer hat aufgelegt.'
  speak de robot-check 'Um verbunden zu werden, drücken Sie bitte die Taste'
  local digit words=(null eins zwei drei vier fünf sechs sieben acht neun)
  for digit in "${!words[@]}"; do
    speak de "digit-$digit" "${words[$digit]}"
  done
  speak de goodbye 'Vielen Dank. Auf Wiederhören.'
}

make_english() {
  speak en screen-greeting 'Hello. Please say your name and why you are calling after the tone.'
  beep en
  speak en hold 'Thank you. Please hold the line.'
  speak en call-from 'Call from'
  speak en no-name 'a caller who gave no name'
  speak en desk-menu 'Press 1 to accept, 2 for voicemail, 3 to reject, 4 to block the number, 5 to accept and always allow, or star to repeat.'
  speak en desk-menu-no-voicemail 'Press 1 to accept, 3 to reject, 4 to block the number, 5 to accept and always allow, or star to repeat.'
  speak en desk-invalid-key 'Invalid key.'
  speak en refusal 'Sorry, this call cannot be taken. Goodbye.'
  speak en voicemail-greeting 'Please leave a message after the tone. Press the hash key when you are done.'
  speak en voicemail-desk-confirm 'The caller can now leave a message.'
  speak en rejected-desk-confirm 'The call was rejected.'
  speak en blocked-desk-confirm 'The call was rejected and the number blocked.'
  speak en caller-gone 'The caller has hung up.'
  speak en robot-check 'To be connected, please press'
  local digit words=(zero one two three four five six seven eight nine)
  for digit in "${!words[@]}"; do
    speak en "digit-$digit" "${words[$digit]}"
  done
  speak en goodbye 'Thank you. Goodbye.'
}

make_german
make_english
echo "make-prompts: wrote the prompts to $output_dir"
