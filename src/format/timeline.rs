//! The timestamps a muxer has been given, per stream, to refuse packets some muxers cannot
//! represent: FFmpeg's MP4 muxer stores the gap between two packets' decoding times, their
//! durations and composition offsets in 32 bits and aborts the process (an `av_assert0`) on a
//! larger one. When it shifts the streams to start at zero, one stream's first sample also
//! spans the distance from the earliest stream's start. A gap of 2^31 ticks is over six hours
//! even in a 90 kHz time base, so no real stream has one; every muxer gets the same rules:
//! - a duration, and the distance between a packet's pts and dts, of at most 2^31 - 1 ticks;
//! - at most 2^31 - 1 ticks between the decoding times of a stream's consecutive packets;
//! - each stream's first packet within 2^30 - 1 ticks of the output's first packet (so any two
//!   streams start within 2^31 - 1 ticks of each other).

const MAX_GAP: i64 = i32::MAX as i64;
const MAX_START_GAP: i64 = MAX_GAP / 2;

/// A time base as (numerator, denominator).
pub type TimeBase = (i32, i32);

/// One decoding time per stream (None before the stream's first packet), and when the output's
/// first packet was, in microseconds. Sized once, when the header is written: checking a
/// packet allocates nothing.
#[derive(Default)]
pub struct Timeline {
    last: Vec<Option<i64>>,
    time_bases: Vec<TimeBase>,
    origin: Option<i128>,
}

/// `ts` ticks of `tb` in microseconds.
fn micros(ts: i64, (num, den): TimeBase) -> i128 {
    i128::from(ts) * i128::from(num) * 1_000_000 / i128::from(den.max(1))
}

/// `us` microseconds in ticks of `tb`.
fn ticks(us: i128, (num, den): TimeBase) -> i128 {
    us * i128::from(den) / (i128::from(num.max(1)) * 1_000_000)
}

/// A packet's timing, in its stream's time base (`None` for AV_NOPTS_VALUE).
#[derive(Clone, Copy)]
pub struct Timing {
    pub stream: usize,
    pub pts: Option<i64>,
    pub dts: Option<i64>,
    pub duration: i64,
}

impl Timing {
    /// The decoding time FFmpeg goes by: the dts, or the pts when there is none.
    fn decoding(&self) -> Option<i64> {
        self.dts.or(self.pts)
    }
}

impl Timeline {
    /// For streams with these time bases (the muxer's, once the header is written).
    pub fn new(time_bases: Vec<TimeBase>) -> Self {
        Timeline {
            last: vec![None; time_bases.len()],
            time_bases,
            origin: None,
        }
    }

    /// Why `packet` cannot be written after the ones before it, if it cannot. A stream index
    /// out of range passes: FFmpeg refuses it with its own message.
    pub fn check(&self, packet: Timing) -> Result<(), String> {
        let Some(&last) = self.last.get(packet.stream) else {
            return Ok(());
        };
        let stream = packet.stream;
        if !(0..=MAX_GAP).contains(&packet.duration) {
            return Err(format!(
                "packet duration {} of stream {stream} is out of range (0 to 2^31 - 1 ticks of \
                 its time base)",
                packet.duration
            ));
        }
        if let (Some(pts), Some(dts)) = (packet.pts, packet.dts) {
            if pts.checked_sub(dts).is_none_or(|cts| cts.abs() > MAX_GAP) {
                return Err(format!(
                    "pts {pts} and dts {dts} of stream {stream} are more than 2^31 - 1 ticks \
                     of its time base apart"
                ));
            }
        }
        let Some(now) = packet.decoding() else {
            return Ok(());
        };
        if let Some(last) = last {
            if now.checked_sub(last).is_none_or(|gap| gap > MAX_GAP) {
                return Err(format!(
                    "dts {now} of stream {stream} is more than 2^31 - 1 ticks of its time base \
                     after the previous packet's ({last})"
                ));
            }
        } else if let Some(origin) = self.origin {
            let tb = self.time_bases[stream];
            if ticks(micros(now, tb) - origin, tb).abs() > i128::from(MAX_START_GAP) {
                return Err(format!(
                    "stream {stream} starts at {now}, more than 2^30 - 1 ticks of its time base \
                     ({}/{}) away from the first packet written",
                    tb.0, tb.1
                ));
            }
        }
        Ok(())
    }

    /// Records a packet the muxer took.
    pub fn note(&mut self, packet: Timing) {
        if let (Some(slot), Some(now)) = (self.last.get_mut(packet.stream), packet.decoding()) {
            *slot = Some(now);
            let tb = self.time_bases[packet.stream];
            self.origin.get_or_insert(micros(now, tb));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(stream: usize, pts: i64, dts: i64, duration: i64) -> Timing {
        Timing {
            stream,
            pts: Some(pts),
            dts: Some(dts),
            duration,
        }
    }

    #[test]
    fn ordinary_packets_pass() {
        let mut timeline = Timeline::new(vec![(1, 90000), (1, 48000)]);
        for i in 0..100 {
            let packet = at((i % 2) as usize, i * 3000 + 3000, i * 3000, 3000);
            assert_eq!(timeline.check(packet), Ok(()));
            timeline.note(packet);
        }
    }

    #[test]
    fn refuses_what_32_bits_cannot_hold() {
        let mut timeline = Timeline::new(vec![(1, 1000)]);
        timeline.note(at(0, 0, 0, 1));
        assert_eq!(timeline.check(at(0, MAX_GAP, MAX_GAP, 1)), Ok(()));
        assert!(timeline.check(at(0, MAX_GAP + 1, MAX_GAP + 1, 1)).is_err());
        assert!(timeline.check(at(0, 10, 10, MAX_GAP + 1)).is_err());
        assert!(timeline.check(at(0, 10, 10, -1)).is_err());
        assert!(timeline.check(at(0, MAX_GAP + 11, 10, 1)).is_err());
        assert!(
            timeline.check(at(0, i64::MAX, i64::MIN, 1)).is_err(),
            "no overflow"
        );
        // Going back is FFmpeg's to refuse (non-monotonic dts), with its own message.
        assert_eq!(timeline.check(at(0, -5, -5, 1)), Ok(()));
    }

    #[test]
    fn first_packet_and_unknown_streams() {
        let timeline = Timeline::new(vec![(1, 1000)]);
        assert_eq!(timeline.check(at(0, i64::MAX / 2, i64::MAX / 2, 1)), Ok(()));
        assert_eq!(timeline.check(at(7, 0, 0, -1)), Ok(()));
        let none = Timing {
            stream: 0,
            pts: None,
            dts: None,
            duration: 0,
        };
        assert_eq!(timeline.check(none), Ok(()));
    }

    #[test]
    fn streams_start_near_each_other() {
        // Stream 1 (1/8000) starts 2^31 ticks before stream 0 (1/10240): refused either way.
        let mut timeline = Timeline::new(vec![(1, 10240), (1, 8000)]);
        timeline.note(at(0, 0, 0, 1024));
        assert!(timeline.check(at(1, -1024, -(1 << 31), 1024)).is_err());
        assert_eq!(
            timeline.check(at(1, 8000, 8000, 1024)),
            Ok(()),
            "1 s later is fine"
        );
        let mut timeline = Timeline::new(vec![(1, 10240), (1, 8000)]);
        timeline.note(at(1, -(1 << 31), -(1 << 31), 1024));
        assert!(timeline.check(at(0, 0, 0, 1024)).is_err());
        // Six hours apart in 90 kHz is refused, one hour is fine.
        let mut timeline = Timeline::new(vec![(1, 90000), (1, 90000)]);
        timeline.note(at(0, 0, 0, 3000));
        assert!(timeline
            .check(at(1, 6 * 3600 * 90000, 6 * 3600 * 90000, 1))
            .is_err());
        assert_eq!(timeline.check(at(1, 3600 * 90000, 3600 * 90000, 1)), Ok(()));
    }
}
