// Types of `require('bare-ffmpeg/constants')`: the same object as `require('bare-ffmpeg').constants`.
import ffmpeg = require('.')

declare const constants: typeof ffmpeg.constants
export = constants
