// The native baseline: the same jobs as bench/case.js, in C against FFmpeg directly, with the
// same memory-backed callbacks. Prints one JSON line: {"ms", "packets", "callbacks", "bytes"}.
//
//   native FILE MODE      MODE: streamNk (N KiB buffers) | buffer | remux, optionally with
//                         -data: every packet's payload is looked at (its last byte);
//                         decode: every frame of the first stream decoded (one thread)
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
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

int main(int argc, char **argv) {
  if (argc != 3) return 2;
  FILE *f = fopen(argv[1], "rb");
  if (!f) return 2;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  uint8_t *data = malloc(size);
  if (fread(data, 1, size, f) != (size_t) size) return 2;
  fclose(f);

  const char *mode = argv[2];
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
  if (!strcmp(mode, "decode")) {
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
        while (avcodec_receive_frame(dec, frame) >= 0) frames++;
      }
      av_packet_unref(pkt);
    }
    avcodec_send_packet(dec, NULL);
    while (avcodec_receive_frame(dec, frame) >= 0) frames++;
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
  free(data);
  return 0;
}
