//! `FilterGraph`: one `AVFilterGraph` and the filters in it, with its life checked: filters are
//! added and linked while it is new, frames go through it once it is configured.
//!
//! The graph owns its filters; JavaScript names one by its index in the graph (`FilterContext`),
//! so a filter never outlives its graph. Frames pushed into a buffer source are checked against
//! what the graph was configured for: FFmpeg's video buffer source only warns about a frame of
//! another size or format, and the filters after it would then read and write past its planes.

use std::ffi::{c_int, CStr};
use std::ptr;

use ffmpeg_sys_next as ff;

use crate::av;
use crate::convert::Converter;
use crate::error::{Error, Result};
use crate::frame::Frame;
use crate::handle::{Kind, Native};
use crate::log;
use crate::options::{c_string, Options};
use crate::task::Worker;

pub struct FilterGraph {
    graph: *mut ff::AVFilterGraph,
    configured: bool,
    /// Why the graph can no longer be used: a failed `parse()` makes FFmpeg free every filter of
    /// the graph, ours included; a failed `configure()` leaves it half configured.
    broken: Option<&'static str>,
    /// The worker for batches (`filterAsync`), started by the first one.
    worker: Option<Worker>,
}

// SAFETY: an AVFilterGraph has no thread affinity; a FilterGraph is used by one thread at a time.
unsafe impl Send for FilterGraph {}

impl Native for FilterGraph {
    const KIND: Kind = Kind::FilterGraph;
    const NAME: &'static str = "FilterGraph";

    fn native_size(&self) -> i64 {
        // Filters' state and the frames queued between them: an estimate.
        64 * 1024 + 16 * 1024 * self.len() as i64
    }
}

/// One end of a link `parse` makes: the label in the description, and the filter and pad it
/// stands for.
pub struct InOut {
    /// The label; `None` for an end without one (FFmpeg then links it by position).
    pub name: Option<String>,
    pub filter: usize,
    pub pad: c_int,
}

/// What a buffer sink gave.
pub enum Pulled {
    Frame,
    /// Nothing yet: push more (AVERROR(EAGAIN)).
    Again,
    /// Nothing ever again (AVERROR_EOF).
    End,
}

/// The source and sink filters frames go in and out through.
#[derive(PartialEq)]
enum Role {
    Source,
    Sink,
    Other,
}

impl FilterGraph {
    pub fn new() -> Result<Self> {
        // SAFETY: plain allocation.
        let graph = unsafe { ff::avfilter_graph_alloc() };
        if graph.is_null() {
            return Err(Error::out_of_memory("Could not allocate a filter graph"));
        }
        Ok(Self {
            graph,
            configured: false,
            broken: None,
            worker: None,
        })
    }

    fn get(&self) -> &ff::AVFilterGraph {
        // SAFETY: `graph` is valid while `self` lives.
        unsafe { &*self.graph }
    }

    /// How many filters the graph holds (those FFmpeg inserts when configuring included).
    pub fn len(&self) -> usize {
        self.get().nb_filters as usize
    }

    /// The filter at `index`; filters are only ever appended, so an index stays valid.
    fn filter(&self, index: usize) -> Result<*mut ff::AVFilterContext> {
        self.check_usable()?;
        if index >= self.len() {
            return Err(Error::Range(format!(
                "No filter {index} in this graph (it has {})",
                self.len()
            )));
        }
        // SAFETY: `filters` holds `nb_filters` live filter contexts; `index` is below that.
        let entry = unsafe { self.get().filters.add(index) };
        // SAFETY: within the array, as above.
        Ok(unsafe { *entry })
    }

    fn filter_ref(&self, index: usize) -> Result<&ff::AVFilterContext> {
        // SAFETY: a live filter context of the graph, alive while the graph is.
        Ok(unsafe { &*self.filter(index)? })
    }

    fn check_usable(&self) -> Result<()> {
        match self.broken {
            Some(why) => Err(Error::State(format!(
                "The FilterGraph cannot be used any more: {why}; make a new one"
            ))),
            None => Ok(()),
        }
    }

    fn check_new(&self, doing: &str) -> Result<()> {
        self.check_usable()?;
        if self.configured {
            return Err(Error::Type(format!(
                "The FilterGraph is configured: it can no longer {doing}"
            )));
        }
        Ok(())
    }

    /// Adds a filter named `name` (unique in the graph) made by `filter` with `args` (FFmpeg's
    /// `key=value:...` text); its index.
    pub fn create_filter(
        &mut self,
        filter: &str,
        name: Option<&str>,
        args: Option<&str>,
    ) -> Result<usize> {
        self.check_new("take filters")?;
        let kind = find_filter(filter)?;
        let c_name = name.map(c_string).transpose()?;
        let c_args = args.map(c_string).transpose()?;
        let mut ctx: *mut ff::AVFilterContext = ptr::null_mut();
        let graph = self.graph;
        let (r, lines) = log::capture(|| {
            // SAFETY: a live graph; FFmpeg copies the name and parses the arguments.
            unsafe {
                ff::avfilter_graph_create_filter(
                    &mut ctx,
                    kind,
                    c_name.as_ref().map_or(ptr::null(), |n| n.as_ptr()),
                    c_args.as_ref().map_or(ptr::null(), |a| a.as_ptr()),
                    ptr::null_mut(),
                    graph,
                )
            }
        });
        if r < 0 {
            return Err(Error::ffmpeg(
                &format!(
                    "Could not create the filter {} ({filter})",
                    name.unwrap_or("")
                ),
                r,
            )
            .with_log(lines));
        }
        Ok(self.len() - 1)
    }

    /// Adds the filters `description` names, linking its open inputs and outputs to the ends
    /// given (`inputs`: the labels of its outputs ... as FFmpeg's avfilter_graph_parse_ptr has it).
    pub fn parse(&mut self, description: &str, inputs: &[InOut], outputs: &[InOut]) -> Result<()> {
        self.check_new("take filters")?;
        let c_description = c_string(description)?;
        let mut ins = self.in_out_list(inputs)?;
        let mut outs = match self.in_out_list(outputs) {
            Ok(list) => list,
            Err(e) => {
                // SAFETY: our list, freed once.
                unsafe { ff::avfilter_inout_free(&mut ins) };
                return Err(e);
            }
        };
        let graph = self.graph;
        let (r, lines) = log::capture(|| {
            // SAFETY: a live graph; FFmpeg takes both lists and leaves in them what it did not
            // link (freed below).
            unsafe {
                ff::avfilter_graph_parse_ptr(
                    graph,
                    c_description.as_ptr(),
                    &mut ins,
                    &mut outs,
                    ptr::null_mut(),
                )
            }
        });
        // SAFETY: what FFmpeg left of our lists, freed once.
        unsafe { ff::avfilter_inout_free(&mut ins) };
        // SAFETY: as above.
        unsafe { ff::avfilter_inout_free(&mut outs) };
        if r < 0 {
            self.broken = Some("parse() failed, and FFmpeg then frees every filter of the graph");
            return Err(
                Error::ffmpeg(&format!("Could not parse the filters {description:?}"), r)
                    .with_log(lines),
            );
        }
        Ok(())
    }

    /// An AVFilterInOut list of `ends`, in order.
    fn in_out_list(&self, ends: &[InOut]) -> Result<*mut ff::AVFilterInOut> {
        let mut head: *mut ff::AVFilterInOut = ptr::null_mut();
        for end in ends.iter().rev() {
            let filter = self.filter(end.filter)?;
            let name = end.name.as_deref().map(c_string).transpose()?;
            // SAFETY: plain allocations; the list is ours until handed to FFmpeg.
            let node = unsafe { ff::avfilter_inout_alloc() };
            let copy = match &name {
                // SAFETY: as above.
                Some(name) => unsafe { ff::av_strdup(name.as_ptr()) },
                None => ptr::null_mut(),
            };
            if node.is_null() || (name.is_some() && copy.is_null()) {
                let mut node = node;
                // SAFETY: ours, freed once (each accepts null).
                unsafe { ff::av_free(copy.cast()) };
                // SAFETY: as above.
                unsafe { ff::avfilter_inout_free(&mut head) };
                // SAFETY: as above.
                unsafe { ff::avfilter_inout_free(&mut node) };
                return Err(Error::out_of_memory("Could not allocate the filter links"));
            }
            // SAFETY: a fresh node, ours; its name is freed with it.
            let fresh = unsafe { &mut *node };
            fresh.name = copy;
            fresh.filter_ctx = filter;
            fresh.pad_idx = end.pad;
            fresh.next = head;
            head = node;
        }
        Ok(head)
    }

    /// Checks the links and agrees on formats; frames can then go through.
    pub fn configure(&mut self) -> Result<()> {
        self.check_new("be configured again")?;
        let graph = self.graph;
        // SAFETY: a live graph.
        let (r, lines) =
            log::capture(|| unsafe { ff::avfilter_graph_config(graph, ptr::null_mut()) });
        if r < 0 {
            self.broken = Some("configure() failed, leaving it half configured");
            return Err(Error::ffmpeg("Could not configure the filter graph", r).with_log(lines));
        }
        self.configured = true;
        Ok(())
    }

    /// Checked on every push and pull: compares FFmpeg's name in place, without a copy.
    fn role(&self, index: usize) -> Result<Role> {
        let f = self.filter_ref(index)?;
        // SAFETY: a filter context's filter is a static definition.
        let filter = unsafe { &*f.filter };
        // SAFETY: with a static C string name.
        let kind = unsafe { CStr::from_ptr(filter.name) }.to_bytes();
        Ok(match kind {
            b"buffer" | b"abuffer" => Role::Source,
            b"buffersink" | b"abuffersink" => Role::Sink,
            _ => Role::Other,
        })
    }

    fn check_end(&self, index: usize, role: Role) -> Result<()> {
        if !self.configured {
            return Err(Error::Type(
                "The FilterGraph is not configured: call configure() first".into(),
            ));
        }
        if self.role(index)? != role {
            let what = match role {
                Role::Source => "a buffer or abuffer source (frames are pushed there)",
                _ => "a buffersink or abuffersink (frames are pulled from there)",
            };
            return Err(Error::Type(format!(
                "The filter {} is not {what}",
                self.name_of(index)
            )));
        }
        Ok(())
    }

    /// `source` is a buffer source and `sink` a buffer sink of this configured graph.
    pub fn check_ends(&self, source: usize, sink: usize) -> Result<()> {
        self.check_end(source, Role::Source)?;
        self.check_end(sink, Role::Sink)
    }

    fn name_of(&self, index: usize) -> String {
        self.describe(index)
            .map(|(name, _)| name)
            .unwrap_or_else(|_| format!("#{index}"))
    }

    /// Sends `frame` (its planes move into the graph, leaving it blank) into the buffer source
    /// at `index`; no frame: the end of that input.
    /// Pushes `frame` (`None`: the end of the input) into the buffer source at `index`. FFmpeg's
    /// refusal is its negative code (as the published package returns it) and its log lines;
    /// what would make FFmpeg read past a frame is our error.
    pub fn push(
        &mut self,
        index: usize,
        frame: Option<&mut Frame>,
    ) -> Result<(c_int, Vec<String>)> {
        self.check_end(index, Role::Source)?;
        let ctx = self.filter(index)?;
        let ptr = match frame {
            Some(frame) => {
                self.check_frame(index, frame)?;
                frame.as_ptr()
            }
            None => ptr::null_mut(),
        };
        let (r, lines) = log::capture(|| {
            // SAFETY: a buffer source of this configured graph and a frame of what it takes
            // (checked), or null for the end.
            unsafe { ff::av_buffersrc_add_frame_flags(ctx, ptr, 0) }
        });
        Ok((r, lines))
    }

    /// A frame must have planes of the size and format the source's link was configured for
    /// (audio: FFmpeg checks the format, rate and layout itself).
    fn check_frame(&self, index: usize, frame: &Frame) -> Result<()> {
        frame.check_planes("pushed")?;
        let f = frame.get();
        let outputs = self.filter_ref(index)?.outputs;
        // SAFETY: a configured source has its one output link.
        let link = unsafe { *outputs };
        // SAFETY: as above: a live link.
        let link = unsafe { &*link };
        if link.type_ == ff::AVMediaType::AVMEDIA_TYPE_VIDEO {
            let want = (link.format, link.w, link.h);
            let have = (f.format, f.width, f.height);
            if f.nb_samples > 0 || have != want {
                return Err(Error::State(format!(
                    "The frame (format, width, height) is {have:?}; {} takes {want:?}",
                    self.name_of(index)
                )));
            }
        } else if f.nb_samples <= 0 {
            return Err(Error::State(format!(
                "{} takes audio frames; this frame has no samples",
                self.name_of(index)
            )));
        }
        Ok(())
    }

    /// Receives a frame from the buffer sink at `index` into `frame` (made blank first), stamped
    /// with the sink's time base.
    pub fn pull(&mut self, index: usize, frame: &mut Frame) -> Result<Pulled> {
        self.check_end(index, Role::Sink)?;
        let ctx = self.filter(index)?;
        frame.unref();
        let target = frame.as_ptr();
        let (r, lines) = log::capture(|| {
            // SAFETY: a buffer sink of this configured graph and a blank frame.
            unsafe { ff::av_buffersink_get_frame(ctx, target) }
        });
        match r {
            0.. => {
                // SAFETY: a configured sink.
                frame.get_mut().time_base = unsafe { ff::av_buffersink_get_time_base(ctx) };
                Ok(Pulled::Frame)
            }
            ff::AVERROR_EOF => Ok(Pulled::End),
            r if r == ff::AVERROR(libc::EAGAIN) => Ok(Pulled::Again),
            r => Err(Error::ffmpeg(
                &format!("Could not pull a frame from {}", self.name_of(index)),
                r,
            )
            .with_log(lines)),
        }
    }

    /// The options of the filter at `index` (its own among them); they can change only while the
    /// graph is not configured.
    pub fn options(&mut self, index: usize, change: bool) -> Result<Options<'_>> {
        if change {
            self.check_new("change its filters' options")?;
        }
        let ctx = self.filter(index)?;
        // SAFETY: a live filter context of the graph.
        let private = unsafe { (*ctx).priv_ };
        // SAFETY: the context (an AVClass object) and its private data, borrowed with the graph.
        Ok(unsafe { Options::new(ctx.cast(), private, "filter") })
    }

    /// The name of the filter at `index` and of what made it ("in", "buffer").
    /// An unnamed filter is `#index`.
    pub fn describe(&self, index: usize) -> Result<(String, String)> {
        let f = self.filter_ref(index)?;
        // SAFETY: a filter context's filter is a static definition.
        let kind = av::string(unsafe { &*f.filter }.name).unwrap_or_default();
        let name = av::string(f.name).unwrap_or_else(|| format!("#{index}"));
        Ok((name, kind))
    }
}

/// The filter FFmpeg names `name` ("buffer", "negate").
pub fn find_filter(name: &str) -> Result<*const ff::AVFilter> {
    let c_name = c_string(name)?;
    // SAFETY: a lookup in FFmpeg's static table.
    let filter = unsafe { ff::avfilter_get_by_name(c_name.as_ptr()) };
    if filter.is_null() {
        return Err(Error::ffmpeg_text(
            format!("No filter named {name:?} in this build"),
            ff::AVERROR_FILTER_NOT_FOUND,
        ));
    }
    Ok(filter)
}

impl Converter for FilterGraph {
    /// The buffer source frames go into and the buffer sink they come out of.
    type Params = (usize, usize);
    type Item = Frame;

    fn worker_slot(&mut self) -> &mut Option<Worker> {
        &mut self.worker
    }

    /// Pushes a frame (its planes move into the graph; `None`: the end of the input) and pulls
    /// every frame the sink has then.
    fn convert_one(
        &mut self,
        &(source, sink): &(usize, usize),
        input: Option<&mut Frame>,
        out: &mut Vec<Frame>,
    ) -> Result<()> {
        let (r, lines) = self.push(source, input)?;
        if r < 0 {
            return Err(Error::ffmpeg(
                &format!("Could not push a frame into {}", self.name_of(source)),
                r,
            )
            .with_log(lines));
        }
        loop {
            let mut frame = Frame::new()?;
            match self.pull(sink, &mut frame)? {
                Pulled::Frame => out.push(frame),
                Pulled::Again | Pulled::End => return Ok(()),
            }
        }
    }
}

impl Drop for FilterGraph {
    fn drop(&mut self) {
        // SAFETY: ours, freed once with its filters.
        unsafe { ff::avfilter_graph_free(&mut self.graph) };
    }
}
