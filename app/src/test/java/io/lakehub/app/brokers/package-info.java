/** Message broker and remote-file pipelines against the real local servers (RabbitMQ, Mosquitto, NATS) and in-process SFTP/FTP servers. */
package io.lakehub.app.brokers;
