// @types/thunderbird-webext-browser (127) leaves out the alarms API, which Thunderbird has (it is
// Firefox's). Just the part Tagwise uses.
declare namespace messenger.alarms {
  interface Alarm {
    name: string;
    scheduledTime: number;
    periodInMinutes?: number;
  }
  function create(name: string, info: { when?: number; delayInMinutes?: number; periodInMinutes?: number }): void;
  function get(name: string): Promise<Alarm | undefined>;
  function clear(name: string): Promise<boolean>;
  const onAlarm: WebExtEvent<(alarm: Alarm) => void>;
}
