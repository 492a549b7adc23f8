// The native baseline: the same jobs as bench/case.js, in C against FFmpeg directly, with the
// same memory-backed callbacks. Prints one JSON line: {"ms", "packets", "callbacks", "bytes"}.
//
//   native FILE MODE      MODE: streamNk (N KiB buffers) | buffer | remux, optionally with
//                         -data: every packet's payload is looked at (its last byte);
//                         decode: every frame of the first stream decoded (one thread)
//                         scale: the decoded frames scaled to 320x180 RGBA (bicubic), 5 times
//                         over, only the scaling timed
//   native - resample     10 s of 48 kHz stereo float (planar) to 16 kHz mono s16, in frames
//                         of 1024 samples, 3 times over, only the resampling timed
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/channel_layout.h>
#include <libswresample/swresample.h>
#include <libswscale/swscale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
  const uint8_t *data;
  int64_t size, pos;
  long callbacks;
} source_t;

typedef struct {
  int64_t written;
  long callbacks;
} sink_t;

static int read_packet(void *opaque, uint8_t *buf, int len) {
  source_t *s = opaque;
  s->callbacks++;
  int64_t n = s->size - s->pos < len ? s->size - s->pos : len;
  if (n <= 0) return AVERROR_EOF;
  memcpy(buf, s->data + s->pos, n);
  s->pos += n;
  return (int) n;
}

static int64_t seek(void *opaque, int64_t offset, int whence) {
  source_t *s = opaque;
  s->callbacks++;
  whence &= ~AVSEEK_FORCE;
  if (whence == AVSEEK_SIZE) return s->size;
  if (whence == SEEK_SET) return s->pos = offset;
  if (whence == SEEK_CUR) return s->pos += offset;
  if (whence == SEEK_END) return s->pos = s->size + offset;
  return -1;
}

static int write_packet(void *opaque, const uint8_t *buf, int len) {
  sink_t *s = opaque;
  s->callbacks++;
  s->written += len;
  return len;
}

static double now_ms(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static AVIOContext *reader(source_t *s, int size) {
  return avio_alloc_context(av_malloc(size), size, 0, s, read_packet, NULL, seek);
}

// The frames of `convert.js`: SCALE_ROUNDS over the decoded pictures, RESAMPLE_ROUNDS over
// RESAMPLE_FRAMES frames of sound.
#define SCALE_ROUNDS 5
#define RESAMPLE_ROUNDS 3
#define RESAMPLE_FRAMES 469

static int resample(void) {
  AVChannelLayout stereo = AV_CHANNEL_LAYOUT_STEREO, mono = AV_CHANNEL_LAYOUT_MONO;
  SwrContext *swr = NULL;
  if (swr_alloc_set_opts2(&swr, &mono, AV_SAMPLE_FMT_S16, 16000, &stereo, AV_SAMPLE_FMT_FLTP,
                          48000, 0, NULL) < 0 || swr_init(swr) < 0)
    return 1;
  AVFrame *in[RESAMPLE_FRAMES];
  long n = 0;
  for (int i = 0; i < RESAMPLE_FRAMES; i++) {
    in[i] = av_frame_alloc();
    in[i]->format = AV_SAMPLE_FMT_FLTP;
    in[i]->sample_rate = 48000;
    in[i]->nb_samples = 1024;
    av_channel_layout_copy(&in[i]->ch_layout, &stereo);
    if (av_frame_get_buffer(in[i], 0) < 0) return 1;
    for (int c = 0; c < 2; c++)
      for (int s = 0; s < 1024; s++, n++)
        ((float *) in[i]->data[c])[s] = (float) (0.5 * sin(2 * M_PI * 440 * (n / 2) / 48000.0));
  }
  AVFrame *out = av_frame_alloc();
  out->format = AV_SAMPLE_FMT_S16;
  out->sample_rate = 16000;
  out->nb_samples = 1024;
  av_channel_layout_copy(&out->ch_layout, &mono);
  if (av_frame_get_buffer(out, 0) < 0) return 1;
  for (int i = 0; i < RESAMPLE_FRAMES; i++) // a round untimed (as convert.js: warms caches, JIT)
    swr_convert(swr, out->data, out->nb_samples, (const uint8_t **) in[i]->data, 1024);
  long samples = 0;
  double start = now_ms();
  for (int r = 0; r < RESAMPLE_ROUNDS; r++)
    for (int i = 0; i < RESAMPLE_FRAMES; i++)
      samples += swr_convert(swr, out->data, out->nb_samples, (const uint8_t **) in[i]->data, 1024);
  double ms = now_ms() - start;
  printf("{\"ms\": %.3f, \"frames\": %d, \"samples\": %ld}\n", ms,
         RESAMPLE_ROUNDS * RESAMPLE_FRAMES, samples);
  return 0;
}

static int run(uint8_t *data, long size, const char *mode);

// native FILE MODE [ROUNDS]: ROUNDS demuxes of FILE in this one process (bench/callgrind.js
// counts a round's instructions as the difference between 1 and more).
int main(int argc, char **argv) {
  if (argc > 2 && !strcmp(argv[2], "resample")) return resample();
  if (argc != 3 && argc != 4) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 2;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *data = malloc(size);
  if (fread(data, 1, size, f) != (size_t) size) return 2;
  fclose(f);
  int rounds = argc == 4 ? atoi(argv[3]) : 1;
  for (int r = 0; r < rounds; r++) {
    int status = run(data, size, argv[2]);
    if (status) return status;
  }
  free(data);
  return 0;
}

static int run(uint8_t *data, long size, const char *mode) {
  int kib = 0;
  int buffer_size = sscanf(mode, "stream%dk", &kib) == 1 ? kib * 1024 : 32768;
  int with_data = strstr(mode, "-data") != NULL;
  source_t source = {data, size, 0, 0};
  sink_t sink = {0, 0};

  double start = now_ms();
  AVFormatContext *in = avformat_alloc_context();
  // Buffer mode reads the memory with a 32 KiB AVIO buffer, as our buffer IOContext does.
  AVIOContext *pb = reader(&source, buffer_size);
  in->pb = pb;
  if (avformat_open_input(&in, NULL, NULL, NULL) < 0) return 1;
  if (avformat_find_stream_info(in, NULL) < 0) return 1;

  AVFormatContext *out = NULL;
  AVIOContext *out_pb = NULL;
  if (!strncmp(mode, "remux", 5)) {
    avformat_alloc_output_context2(&out, NULL, "matroska", NULL);
    out_pb = avio_alloc_context(av_malloc(65536), 65536, 1, &sink, NULL, write_packet, NULL);
    out->pb = out_pb;
    for (unsigned i = 0; i < in->nb_streams; i++) {
      AVStream *o = avformat_new_stream(out, NULL);
      avcodec_parameters_copy(o->codecpar, in->streams[i]->codecpar);
      o->codecpar->codec_tag = 0;
      o->time_base = in->streams[i]->time_base;
    }
    if (avformat_write_header(out, NULL) < 0) return 1;
  }

  AVPacket *pkt = av_packet_alloc();
  long packets = 0;
  long checksum = 0;
  if (!strcmp(mode, "decode") || !strcmp(mode, "scale")) {
    int scale = !strcmp(mode, "scale");
    AVFrame *pictures[1024];
    int kept = 0;
    const AVCodec *codec = avcodec_find_decoder(in->streams[0]->codecpar->codec_id);
    AVCodecContext *dec = avcodec_alloc_context3(codec);
    avcodec_parameters_to_context(dec, in->streams[0]->codecpar);
    dec->pkt_timebase = in->streams[0]->time_base;
    if (avcodec_open2(dec, codec, NULL) < 0) return 1;
    AVFrame *frame = av_frame_alloc();
    long frames = 0;
    while (av_read_frame(in, pkt) >= 0) {
      if (pkt->stream_index == 0) {
        packets++;
        avcodec_send_packet(dec, pkt);
        while (avcodec_receive_frame(dec, frame) >= 0) {
          frames++;
          if (scale && kept < 1024) pictures[kept++] = av_frame_clone(frame);
        }
      }
      av_packet_unref(pkt);
    }
    avcodec_send_packet(dec, NULL);
    while (avcodec_receive_frame(dec, frame) >= 0) {
      frames++;
      if (scale && kept < 1024) pictures[kept++] = av_frame_clone(frame);
    }
    if (scale) {
      struct SwsContext *sws =
          sws_getContext(dec->width, dec->height, dec->pix_fmt, 320, 180, AV_PIX_FMT_RGBA,
                         SWS_BICUBIC, NULL, NULL, NULL);
      AVFrame *rgba = av_frame_alloc();
      rgba->format = AV_PIX_FMT_RGBA;
      rgba->width = 320;
      rgba->height = 180;
      if (!sws || av_frame_get_buffer(rgba, 0) < 0) return 1;
      for (int i = 0; i < kept; i++) // a round untimed, as convert.js
        sws_scale(sws, (const uint8_t *const *) pictures[i]->data, pictures[i]->linesize, 0,
                  pictures[i]->height, rgba->data, rgba->linesize);
      long rows = 0;
      start = now_ms();
      for (int r = 0; r < SCALE_ROUNDS; r++)
        for (int i = 0; i < kept; i++)
          rows += sws_scale(sws, (const uint8_t *const *) pictures[i]->data,
                            pictures[i]->linesize, 0, pictures[i]->height, rgba->data,
                            rgba->linesize);
      double ms = now_ms() - start;
      printf("{\"ms\": %.3f, \"frames\": %d, \"rows\": %ld}\n", ms, SCALE_ROUNDS * kept, rows);
      return 0;
    }
    double ms = now_ms() - start;
    printf("{\"ms\": %.3f, \"packets\": %ld, \"frames\": %ld, \"callbacks\": %ld, \"bytes\": %ld}\n",
           ms, packets, frames, source.callbacks, size);
    return 0;
  }
  while (av_read_frame(in, pkt) >= 0) {
    packets++;
    if (with_data) {
      checksum += pkt->data[pkt->size - 1];
      av_packet_unref(pkt);
    } else if (out) {
      av_packet_rescale_ts(pkt, in->streams[pkt->stream_index]->time_base,
                           out->streams[pkt->stream_index]->time_base);
      if (av_interleaved_write_frame(out, pkt) < 0) return 1;
    } else {
      av_packet_unref(pkt);
    }
  }
  if (out) av_write_trailer(out);
  double ms = now_ms() - start;

  printf("{\"ms\": %.3f, \"packets\": %ld, \"callbacks\": %ld, \"checksum\": %ld, \"bytes\": %ld}\n",
         ms, packets, source.callbacks + sink.callbacks, checksum, size);

  av_packet_free(&pkt);
  avformat_close_input(&in);
  av_freep(&pb->buffer);
  avio_context_free(&pb);
  if (out) {
    avformat_free_context(out);
    av_freep(&out_pb->buffer);
    avio_context_free(&out_pb);
  }
  return 0;
}
