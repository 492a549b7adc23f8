// Packet.SideData: side data of a packet (constants.packetSideDataType). See lib/side-data.js.
const binding = require('../binding')
const SideData = require('./side-data')

module.exports = class PacketSideData extends SideData {
  static _nameOf(type) {
    return binding.packetSideDataName(type)
  }
}
